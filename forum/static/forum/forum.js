// The forum's scripts, loaded as one module on every forum page (no inline script: the
// production CSP forbids it). Each part does nothing on a page without its elements.
import { initEditors } from "./editor.js";
import { initFormsets } from "./formset.js";
import { initQuotes } from "./quote.js";

initEditors(document);
initFormsets(document);
initQuotes(document);
