"""How a message is shown: link titles and ampersands escaped once, whatever the backslashes."""

from forum.markup import render
from tests.forum.conftest import make_reply, topic_url


def test_a_link_title_with_an_ampersand_is_escaped_once():
    html = render('[a](http://x "Tom & Jerry")')
    assert 'title="Tom &amp; Jerry"' in html
    assert "&amp;amp;" not in html


def test_an_escaped_ampersand_in_a_link_title_is_escaped_once():
    html = render(r'[a](http://x "Tom \& Jerry")')
    assert 'title="Tom &amp; Jerry"' in html
    assert "&amp;amp;" not in html


def test_escaped_quotes_in_a_link_title_show_as_quotes():
    html = render(r'[a](http://x "Le \"Petit\" musée")')
    assert 'title="Le &quot;Petit&quot; musée"' in html
    assert "&amp;quot;" not in html


def test_an_escaped_ampersand_in_text_and_link_text_is_escaped_once():
    html = render(r"Tom \& Jerry, [R \& D](https://example.org)")
    assert html.count("&amp;") == 2
    assert "&amp;amp;" not in html


def test_what_must_stay_literal_stays_literal():
    # An escaped entity shows as typed; code shows the backslash.
    assert "&amp;copy;" in render(r"\&copy; 2026")
    assert "<code>Tom \\&amp; Jerry</code>" in render(r"`Tom \& Jerry`")


def test_the_topic_page_shows_the_title_once_escaped(member_client, topic, other_member):
    make_reply(topic, other_member, r'Voir [la fiche](https://example.org "Prêt \& dépôt")')
    page = member_client.get(topic_url(topic)).content.decode()
    assert 'title="Prêt &amp; dépôt"' in page
    assert "&amp;amp;" not in page
