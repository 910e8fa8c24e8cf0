package vn.bhxh.pipeline.jobs.report.bulletin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.Check;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Block;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Items;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Paragraph;

/**
 * The bulletin's "Data checks" section: the findings of the validation rules and the outlier
 * detector for the month (docs/validation.md), errors first, each with its message (what is wrong,
 * where, how far off).
 */
final class DataChecks {
  /** Findings listed one by one; the rest are counted. */
  static final int LISTED = 20;

  private static final String ERROR = "error";

  private DataChecks() {}

  static List<Block> blocks(List<Check> checks) {
    long errors = checks.stream().filter(c -> ERROR.equals(c.severity())).count();
    long warnings = checks.size() - errors;
    List<Block> blocks = new ArrayList<>();
    if (checks.isEmpty()) {
      blocks.add(
          new Paragraph(
              null,
              "No validation rule or outlier check found anything to look at for this month."));
      return blocks;
    }
    blocks.add(
        new Paragraph(
            null,
            Figures.count(errors)
                + (errors == 1 ? " error" : " errors")
                + " and "
                + Figures.count(warnings)
                + (warnings == 1 ? " warning" : " warnings")
                + " from the validation rules and the outlier checks (table validation_results)."
                + (errors == 0
                    ? " Warnings are values far from a province's own history: confirm them with"
                        + " the province."
                    : " Errors are figures that cannot be right: resolve them before publishing.")));
    List<Check> ordered =
        checks.stream()
            .sorted(
                Comparator.comparing((Check c) -> ERROR.equals(c.severity()) ? 0 : 1)
                    .thenComparing(Check::geoCode)
                    .thenComparing(Check::indicator)
                    .thenComparing(Check::rule))
            .toList();
    List<Paragraph> items = new ArrayList<>();
    for (Check check : ordered.subList(0, Math.min(LISTED, ordered.size()))) {
      items.add(
          new Paragraph(ERROR.equals(check.severity()) ? "Error:" : "Warning:", check.message()));
    }
    blocks.add(new Items(items));
    if (ordered.size() > LISTED) {
      blocks.add(
          new Paragraph(
              null,
              "… and " + Figures.count(ordered.size() - LISTED) + " more in validation_results."));
    }
    return blocks;
  }
}
