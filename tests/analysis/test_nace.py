"""NACE codes: national subclasses cut to classes, DCMS groups, Rev. 2.1 only through a loaded correspondence."""

from __future__ import annotations

import pytest

from creativepoles.analysis import nace

# A few rows in the layout of Eurostat's NACE Rev. 2.1 – NACE Rev. 2 correspondence table (CSV download):
# higher levels (section, division) included, as in the published file.
EUROSTAT_SAMPLE = """NACE2.1_CODE,NACE2.1_HEADING,NACE2_CODE,NACE2_HEADING,PART_NACE2.1,PART_NACE2
J,PUBLISHING AND BROADCASTING,J,INFORMATION AND COMMUNICATION,,
58,Publishing activities,58,Publishing activities,,
58.11,Publishing of books,58.11,Book publishing,,
62.10,Computer programming activities,62.01,Computer programming activities,,
90.11,Literary creation and musical composition activities,90.03,Artistic creation,X,X
90.11,Literary creation and musical composition activities,90.01,Performing arts,X,X
"""


@pytest.mark.parametrize(("raw", "expected"), [("62.01", "62.01"), ("6201", "62.01"), ("62011", "62.01"),
                                               ("62.01.1", "62.01"), ("620100", "62.01"), ("74.10", "74.10")])
def test_it_cuts_national_subclasses_to_the_class(raw: str, expected: str) -> None:
    assert nace.normalise(raw) == expected


@pytest.mark.parametrize("raw", ["62", "62.0", "ABCD", "62.01x", "6201000", "", "62..01"])
def test_it_refuses_what_is_not_a_class(raw: str) -> None:
    with pytest.raises(nace.NaceError):
        nace.normalise(raw)


def test_it_classifies_creative_and_other_codes() -> None:
    assert nace.classify("62.01").group == "it"
    assert nace.classify("7410").group == "design"
    other = nace.classify("47.11")
    assert (other.nace, other.group, other.status) == ("47.11", "", nace.OK)
    assert nace.classify("").status == nace.MISSING
    assert nace.classify("X1").status == nace.MALFORMED
    assert sum(len(codes) for _label, codes in nace.DCMS_GROUPS.values()) == len(nace.CLASS_TO_GROUP) == 31


def test_it_reports_rev21_codes_as_unmapped_until_a_correspondence_is_loaded() -> None:
    assert nace.classify("62.10", nace.REV21).status == nace.UNMAPPED
    table = nace.read_correspondence(EUROSTAT_SAMPLE)
    assert table == {"58.11": "58.11", "62.10": "62.01", "90.11": "90.03"}
    mapped = nace.classify("62.10", nace.REV21, table)
    assert (mapped.nace, mapped.group, mapped.status) == ("62.01", "it", nace.OK)
    assert nace.classify("99.99", nace.REV21, table).status == nace.UNMAPPED


def test_it_refuses_a_correspondence_file_without_code_columns() -> None:
    with pytest.raises(nace.NaceError):
        nace.read_correspondence("a,b\n1,2\n")
    with pytest.raises(nace.NaceError):
        nace.read_correspondence("NACE2.1_CODE;NACE2_CODE\nJ;J\n")


@pytest.mark.parametrize(
    ("raw", "version", "expected"),
    [
        ("  ", nace.REV2, nace.Classified("", "", "", nace.MISSING, nace.REV2)),
        (None, nace.REV21, nace.Classified("", "", "", nace.MISSING, nace.REV21)),
        (" X1 ", nace.REV2, nace.Classified("X1", "", "", nace.MALFORMED, nace.REV2)),
        ("X1", nace.REV21, nace.Classified("X1", "", "", nace.MALFORMED, nace.REV21)),
        ("62.10", nace.REV21, nace.Classified("62.10", "", "", nace.UNMAPPED, nace.REV21)),
        (" 620100 ", nace.REV2, nace.Classified("620100", "62.01", "it", nace.OK, nace.REV2)),
    ],
)
def test_it_reports_what_it_read_with_an_empty_class_and_group_when_there_is_none(
    raw: str | None, version: str, expected: nace.Classified
) -> None:
    # An import's row report shows the code as typed and the version it was read as, whatever the status.
    assert nace.classify(raw, version) == expected


def test_it_names_the_bad_input_and_refuses_an_unknown_version() -> None:
    with pytest.raises(nace.NaceError) as caught:
        nace.normalise("62")
    assert str(caught.value) == "not a NACE class: '62'"
    with pytest.raises(nace.NaceError) as caught:
        nace.classify("62.01", "1.1")
    assert str(caught.value) == "unknown NACE version '1.1'"


def test_it_maps_through_the_correspondence_even_when_the_rev21_class_is_itself_creative() -> None:
    # 58.11 exists in both versions; under Rev. 2.1 it is still looked up, not taken as is.
    assert nace.classify("58.11", nace.REV21, {"58.11": "74.10"}).group == "design"
    assert nace.classify("58.11", nace.REV21, {}).status == nace.UNMAPPED


@pytest.mark.parametrize(
    "text",
    [
        # National tables are often semicolon- or tab-separated, with the Rev. 2 column first.
        "NACE Rev. 2;NACE Rev. 2.1\n62.01;62.10\n58.11;58.11\n",
        "Rev. 2\tRev. 2.1\n62.01\t62.10\n58.11\t58.11\n",
        "nace2_code|nace21_code\n62.01|62.10\n58.11|58.11\n",
        # Too short for the sniffer: read as plain CSV.
        "NACE2.1_CODE,NACE2_CODE\n62.10,62.01\n58.11,58.11\n",
    ],
)
def test_it_reads_correspondence_tables_in_any_column_order_and_delimiter(text: str) -> None:
    assert nace.read_correspondence(text) == {"62.10": "62.01", "58.11": "58.11"}


def test_it_reads_the_first_data_row_and_skips_short_ones() -> None:
    text = "NACE2.1_CODE,NACE2_CODE\n62.10,62.01\n90.11\n58.11,58.11\n"
    assert nace.read_correspondence(text) == {"62.10": "62.01", "58.11": "58.11"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the correspondence file is empty"),
        ("NACE2.1_CODE\n62.10\n", "the header names no NACE Rev. 2.1 and NACE Rev. 2 code columns"),
        ("NACE2_CODE,HEADING\n62.01,x\n", "the header names no NACE Rev. 2.1 and NACE Rev. 2 code columns"),
        ("NACE2.1_CODE,NACE2_CODE\nJ,J\n58,58\n", "the correspondence file holds no class-level rows"),
    ],
)
def test_it_says_why_a_correspondence_file_is_refused(text: str, message: str) -> None:
    with pytest.raises(nace.NaceError) as caught:
        nace.read_correspondence(text)
    assert str(caught.value) == message


def test_it_lists_the_classes_of_the_chosen_groups() -> None:
    assert nace.creative_classes(["crafts", "architecture"]) == ["71.11", "32.12"]
    assert nace.creative_classes([]) == []
    every = nace.creative_classes()
    assert len(every) == 31 and set(every) == set(nace.CLASS_TO_GROUP)
    assert nace.group_labels()[0] == ("advertising", "Advertising and marketing")
    assert [key for key, _label in nace.group_labels()] == list(nace.DCMS_GROUPS)
