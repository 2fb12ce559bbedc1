from translate.segment import split_prefix, split_sentences


def test_hindi_sentence_marks_split():
    text = "भारत एक बड़ा देश है। क्या यह सच है? हाँ! ठीक॥ अंत"
    assert split_sentences(text) == ["भारत एक बड़ा देश है।", "क्या यह सच है?", "हाँ!", "ठीक॥", "अंत"]


def test_decimals_versions_urls_do_not_split():
    text = "GDP 1.4 प्रतिशत बढ़ी और v2.0.1 जारी हुआ, देखें https://rbi.org.in/a.b पर।"
    assert split_sentences(text) == [text]


def test_abbreviations_and_initials_do_not_split():
    text = "Dr. Smith of A. B. Corp. Ltd. paid Rs. 500 on Monday. Shares rose."
    assert split_sentences(text) == ["Dr. Smith of A. B. Corp. Ltd. paid Rs. 500 on Monday.", "Shares rose."]
    assert split_sentences("डॉ. शर्मा ने कहा। फिर गए।") == ["डॉ. शर्मा ने कहा।", "फिर गए।"]


def test_closing_quote_stays_with_its_sentence():
    text = "उन्होंने कहा, “यह बड़ा कदम है।” “हम तैयार हैं।”"
    assert split_sentences(text) == ["उन्होंने कहा, “यह बड़ा कदम है।”", "“हम तैयार हैं।”"]


def test_list_markers_pass_through():
    assert split_prefix("- ओपनएआई का प्रशिक्षण।") == ("- ", "ओपनएआई का प्रशिक्षण।")
    assert split_prefix(" - चैटजीपीटी") == (" - ", "चैटजीपीटी")
    assert split_prefix("2. दूसरा") == ("2. ", "दूसरा")
    assert split_prefix("-5% गिरा") == ("", "-5% गिरा")  # a negative figure is not a marker
    assert split_sentences("   ") == []


def test_over_long_sentences_are_cut_at_clauses_then_words():
    from translate.segment import cap_length

    clause = " ".join(["शब्द"] * 40) + ","
    pieces = cap_length(" ".join([clause] * 3), max_words=70)
    assert len(pieces) == 3 and all(p.endswith(",") for p in pieces)
    flat = " ".join(["शब्द"] * 150)
    assert [len(p.split()) for p in cap_length(flat, max_words=70)] == [70, 70, 10]
    assert cap_length("छोटा वाक्य।") == ["छोटा वाक्य।"]
