"""The SQLite side of search: accents and case folded, snippets cut around the words, escaped."""

from community.search import Terms, fold, window


def test_fold_drops_accents_and_case():
    assert fold("Humidité RÉSERVE Œuvre Straße") == "humidite reserve œuvre strasse"


def test_terms_keep_the_words_once_without_operators():
    terms = Terms.parse('"Plan de sauvegarde" -serveurs or Humidité humidite')
    assert terms.words == ("plan", "de", "sauvegarde", "humidite")
    assert Terms.parse("« » !!").words == ()


def test_terms_are_capped():
    assert len(Terms.parse(" ".join(f"mot{n}" for n in range(30))).words) == 10


def test_the_snippet_marks_the_words_as_written():
    snippet = window("Le taux d'humidité de la Réserve.", Terms.parse("humidite reserve"))
    assert snippet == "Le taux d&#x27;<mark>humidité</mark> de la <mark>Réserve</mark>."


def test_the_snippet_is_a_window_around_the_first_match():
    text = "début " + "mot " * 200 + "humidité " + "fin " * 200
    snippet = window(text, Terms.parse("humidite"), size=100)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>humidité</mark>" in snippet
    assert len(snippet) < 140


def test_the_snippet_escapes_the_text():
    snippet = window("<script>alert('humidité')</script>", Terms.parse("humidite"))
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
