"""scenarios/schema.json is a valid JSON Schema (draft 2020-12), every scenario file under
scenarios/ meets it, and the refused examples under tests/scenarios/ do not. No server: the
`jsonschema` package checks the files the way any editor or CI step using the schema would."""
import json
import unittest
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "scenarios" / "schema.json"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def is_scenario_file(path):
    """Scenario files, not the state machine definitions or mock configs next to them."""
    name = path.name
    return not (name.endswith(".asl.json") or name.startswith("mock_config") or path == SCHEMA_PATH)


def scenario_files():
    return sorted(p for p in (ROOT / "scenarios").rglob("*.json") if is_scenario_file(p))


class ScenarioSchema(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.schema = load(SCHEMA_PATH)
        cls.validator = jsonschema.Draft202012Validator(cls.schema)

    def test_schema_is_valid_draft_2020_12(self):
        self.assertEqual(self.schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
        jsonschema.Draft202012Validator.check_schema(self.schema)

    def test_every_scenario_file_is_valid(self):
        files = scenario_files()
        self.assertGreaterEqual(len(files), 10, [str(f) for f in files])
        names = {}
        for path in files:
            rel = path.relative_to(ROOT)
            with self.subTest(file=str(rel)):
                doc = load(path)
                errors = sorted(self.validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
                self.assertEqual([], ["/" + "/".join(map(str, e.absolute_path)) + ": " + e.message
                                      for e in errors])
                # Names are unique within a run (JUnit testcase names).
                self.assertNotIn(doc["name"], names, f"{rel} reuses the name of {names.get(doc['name'])}")
                names[doc["name"]] = rel

    def test_refused_examples_are_rejected(self):
        cases = {"misspelled_key.json": ([], "expcet"), "bad_types.json": (["seed"], "integer")}
        for file, (path, word) in cases.items():
            with self.subTest(file=file):
                doc = load(ROOT / "tests" / "scenarios" / file)
                errors = list(self.validator.iter_errors(doc))
                self.assertTrue(errors, f"{file} was accepted")
                self.assertTrue(any(list(e.absolute_path) == path and word in e.message for e in errors),
                                [(list(e.absolute_path), e.message) for e in errors])

    def test_runner_refusals_pass_the_schema(self):
        # These are refused by `stepsim run` after the schema check (files, names, definitions).
        for file in ("missing_file.json", "missing_resource.json", "invalid_definition.json",
                     "wrong_status.json"):
            with self.subTest(file=file):
                self.validator.validate(load(ROOT / "tests" / "scenarios" / file))

    def test_not_json_is_not_json(self):
        with self.assertRaises(json.JSONDecodeError):
            load(ROOT / "tests" / "scenarios" / "not_json.json")


if __name__ == "__main__":
    unittest.main()
