"""Matching survives Hindi spelling and inflection, stays whole-word, prefers the longest term."""

import pytest

from glossary.load import load_glossaries
from glossary.match import Matcher
from glossary.normalize import normalize, normalize_with_map
from glossary.schema import Glossary, Term

LEMMAS = {
    "गणना": "compute", "निवेशक": "investor", "सर्वर": "server", "एक्सेलेरेटर": "accelerator",
    "अनुबंध": "contract", "बांड": "bond", "ब्याज दर": "interest rate", "शेयर": "share",
    "शेयर बाज़ार": "stock market", "सकल घरेलू उत्पाद": "GDP", "डेटा सेंटर": "data center",
    "अमेज़ॅन": "Amazon", "कंपनी": "company", "नीति": "policy", "निवेश": "investment",
    "कंप्यूटर": "computer", "एडब्ल्यूएस": "AWS",
}


@pytest.fixture(scope="module")
def matcher():
    return Matcher(Glossary(terms=[Term(s, t) for s, t in LEMMAS.items()]))


def found(matcher, text):
    return [(m.surface, m.term.target, m.plural) for m in matcher.find(text)]


@pytest.mark.parametrize("text, surface, plural", [
    ("गणना की मांग", "गणना", False),
    ("गणनाएँ बढ़ीं", "गणनाएँ", True),
    ("गणनाएं बढ़ीं", "गणनाएं", True),
    ("गणनाओं के लिए", "गणनाओं", True),
    ("निवेशकों को फायदा", "निवेशकों", True),
    ("सर्वरों की कमी", "सर्वरों", True),
    ("एक्सेलेरेटरों का ऑर्डर", "एक्सेलेरेटरों", True),
    ("अनुबंधों पर हस्ताक्षर", "अनुबंधों", True),
    ("बांडों की बिक्री", "बांडों", True),
    ("ब्याज दरों में कटौती", "ब्याज दरों", True),
    ("ब्याज दरें बढ़ीं", "ब्याज दरें", True),
    ("कंपनियों ने कहा", "कंपनियों", True),
    ("नीतियों में बदलाव", "नीतियों", True),
    ("डेटा सेंटरों में", "डेटा सेंटरों", True),
])
def test_inflected_forms_match_their_lemma(matcher, text, surface, plural):
    assert found(matcher, text)[0][0] == surface
    assert found(matcher, text)[0][2] is plural


@pytest.mark.parametrize("variant", ["अमेज़ॅन", "अमेजन", "अमेज़न", "अमे\u091c\u093cॅन"])
def test_nukta_and_chandra_variants(matcher, variant):
    assert found(matcher, f"{variant} ने कहा") == [(variant, "Amazon", False)]


def test_spelling_variants_fold(matcher):
    assert found(matcher, "कम्प्यूटर बिके")[0][:2] == ("कम्प्यूटर", "computer")
    assert found(matcher, "शेयर बाजार गिरा")[0][:2] == ("शेयर बाजार", "stock market")  # no nukta
    assert found(matcher, "ए\u200dडब्ल्यूएस ने")[0][1] == "AWS"  # a ZWJ inside


def test_whole_words_only(matcher):
    assert found(matcher, "शेयरधारक खुश हैं") == []
    assert found(matcher, "निवेश बढ़ा") == [("निवेश", "investment", False)]
    assert [t for _, t, _ in found(matcher, "निवेशकों का निवेश")] == ["investor", "investment"]
    assert found(matcher, "अनुबंधित कर्मचारी") == []


def test_longest_match_first_no_overlaps(matcher):
    assert found(matcher, "शेयर बाज़ार में शेयर गिरे") == [
        ("शेयर बाज़ार", "stock market", False), ("शेयर", "share", False)]
    assert found(matcher, "सकल घरेलू उत्पाद बढ़ा") == [("सकल घरेलू उत्पाद", "GDP", False)]


def test_spans_point_into_the_original_text(matcher):
    text = "कल  शेयर   बाज़ार और गणनाओं"
    for m in matcher.find(text):
        assert text[m.start:m.end] == m.surface


def test_normalisation_is_for_matching_only():
    text = "बाज़ार २०२५ में"
    norm, index = normalize_with_map(text)
    assert norm == "बाजार 2025 में"
    assert len(index) == len(norm) and text[index[-1]] == "ं"
    assert normalize("सम्बन्ध") == normalize("संबंध")


def test_default_termbase_covers_the_seed_article():
    matcher = Matcher(load_glossaries([]))
    text = open("corpus/seed/openai-aws.hi.txt", encoding="utf-8").read()
    targets = {m.term.target for m in matcher.find(text)}
    for expected in ("OpenAI", "ChatGPT", "AWS", "compute", "Nvidia", "GB200", "GB300", "investor", "Sam Altman", "CEO"):
        assert expected in targets, expected
    assert len(load_glossaries([]).terms) >= 500
