"""The conformance ratchet's reading of docs/conformance.md: CI compares the suites' figures with
what this file records, so the table and the list of left-out cases must stay readable to it."""
import importlib.util
import os
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = importlib.util.spec_from_file_location("conformance_gate",
                                              os.path.join(ROOT, "tools", "conformance_gate.py"))
gate = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(gate)


class ConformanceRecord(unittest.TestCase):
    def setUp(self):
        with open(os.path.join(ROOT, "docs", "conformance.md")) as fh:
            self.text = fh.read()

    def test_every_measure_has_a_figure_no_larger_than_its_total(self):
        figures = gate.recorded_figures(self.text)
        self.assertEqual(set(figures), set(gate.MEASURES))
        for measure, (figure, total) in figures.items():
            self.assertLessEqual(figure, total, measure)
            self.assertGreater(figure, 0, measure)

    def test_left_out_cases_are_read_as_test_ids(self):
        left_out = gate.left_out(self.text)
        self.assertIn("TestTimeouts::test_global_timeout", left_out)
        self.assertTrue(all("::test_" in case for case in left_out), left_out)

    def test_a_table_row_is_found_by_its_measure(self):
        text = ("| suite | measure | figure | at |\n| --- | --- | --- | --- |\n"
                "| X | final status and output agree | 7 / 9 | today |\n"
                "| | sequence of history event types agrees | 8 / 9 | |\n"
                "| | full history agrees (normalised) | 6 / 9 | |\n"
                "| Y | cases pass (some skipped) | 5 / 5 | |\n")
        self.assertEqual(gate.recorded_figures(text),
                         {"outcome": (7, 9), "events": (8, 9), "full": (6, 9), "jsonata": (5, 5)})
        self.assertEqual(gate.left_out(text), set())


if __name__ == "__main__":
    unittest.main()
