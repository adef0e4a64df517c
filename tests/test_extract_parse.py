"""The dependency-parse fallback for the doer (harmwatch.extract.parse)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from harmwatch.extract import extract_report
from harmwatch.extract.actors import find_actor_mentions, score_doers
from harmwatch.extract.parse import agent_spans, available, parsed_doer

pytestmark = pytest.mark.skipif(not available(), reason="spaCy English model not installed")


def _doer(sentence: str) -> str | None:
    mm = parsed_doer(sentence, score_doers(sentence, find_actor_mentions(sentence), []))
    return mm.actor if mm else None


def test_subject_of_coordinated_kill_verb() -> None:
    assert (
        _doer("The Syrian army recaptured the village on Monday and killed 30 people there.") == "syria_gov"
    )


def test_owner_of_weapon_noun() -> None:
    s = "The town came under the bombardments of the Syrian army's aircraft, killing five civilians."
    assert _doer(s) == "syria_gov"


def test_victim_is_not_doer() -> None:
    assert _doer("A mosque blast in Idlib left 25 militants of Al-Nusra Front dead.") is None


def test_hostile_input_does_not_crash() -> None:
    assert agent_spans("") == []
    assert agent_spans("\x00\x01 ###" * 500) is not None


def test_report_reads_parsed_doer_when_rules_find_none() -> None:
    ext = extract_report(
        "The army advances on Rasafa in Raqqa shoots down a drone for ISIS terrorists. "
        "The drone was shot down near the town on Saturday, a source said.",
        title="The army advances on Rasafa in Raqqa shoots down a drone for ISIS terrorists",
        published="2016-06-11",
    )
    assert ext.incidents
    assert [p.actor for p in ext.incidents[0].perpetrators][:1] == ["syria_gov"]


def test_loading_the_parser_does_not_import_torch() -> None:
    # thinc imports torch whenever it is installed (seconds of CPU, ~180 MiB); the
    # small model does not need it, and torch stays importable afterwards.
    code = (
        "import importlib.util, sys\n"
        "from harmwatch.extract.parse import agent_spans, available\n"
        "assert available()\n"
        "assert agent_spans('Government warplanes bombed the town.')\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
        "if importlib.util.find_spec('torch') is not None:\n"
        "    import torch  # noqa: F401\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
