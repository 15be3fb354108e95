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
