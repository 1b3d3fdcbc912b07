from kg.text.placeholders import mask_placeholders


def test_number_placeholders_become_digits_of_the_same_length():
    text = "持有<N>.<N>%股权，<NA>不变"
    masked = mask_placeholders(text)
    assert masked == "持有000.000%股权，<NA>不变"
    assert len(masked) == len(text)


def test_text_without_placeholders_is_returned_as_is():
    text = "九州通中标“i茅台”项目"
    assert mask_placeholders(text) is text
