"""The CAMEO code table carries the reference tables' facts: Goldstein values and quad classes."""
import json

from conftest import shared
from detente import cameo


def _reference():
    return json.loads(shared("reference", "cameo_goldstein_quad.json").read_text())


def test_every_code_has_the_reference_quad_class_of_its_root():
    quad = _reference()["quad_conversion"]
    for code, row in cameo.table().items():
        assert row.quad_class == quad[code[:2]], code


def test_reducing_relations_is_verbal_conflict_and_appeals_are_neutral():
    assert cameo.lookup("163").quad_class == 3          # sanctions
    assert cameo.lookup("1622").quad_class == 3         # cut military aid
    assert cameo.lookup("190").quad_class == 4
    assert cameo.lookup("057").quad_class == 1          # sign an agreement: a promise in words
    assert cameo.lookup("061").quad_class == 2
    assert cameo.lookup("020").quad_class == 0 and cameo.lookup("010").quad_class == 0


def test_goldstein_values_are_the_reference_values():
    scale = _reference()["goldstein_scale"]
    for code, row in cameo.table().items():
        want = scale.get(code, scale.get(code[:3], scale.get(code[:2])))
        assert row.goldstein == want, code
