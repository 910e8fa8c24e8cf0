package vn.bhxh.pipeline.jobs.report.bulletin;

import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_TREATED_PERSONS_YTD;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_TREATED_PERSONS_YTD_YOY_CHANGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.INSURED_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.INSURED_PERSONS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.INSURED_PERSONS_ATTAINMENT_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_BENEFIT_RECIPIENTS_YTD;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_BENEFIT_RECIPIENTS_YTD_YOY_CHANGE_PCT;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Block;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Paragraph;

/**
 * The bulletin's paragraphs on persons of CONTRACT §4: persons in any scheme against their plan,
 * and, at a month that ends a quarter, the distinct persons from January (the "first three, six,
 * nine months" of the published reports). Every number is a field of the report rows.
 */
final class PersonsParagraphs {
  private PersonsParagraphs() {}

  /** Persons in any scheme, the headline of provincial reports, with their plan. */
  static List<Block> inAnyScheme(KeyFigures f) {
    if (f.whole(INSURED_PERSONS) == null) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    if (f.decimal(INSURED_PERSONS_ATTAINMENT_PCT) != null) {
      parts.add(Figures.percent(f.decimal(INSURED_PERSONS_ATTAINMENT_PCT)) + " of the annual plan");
    }
    if (f.decimal(INSURED_COVERAGE_PCT) != null) {
      parts.add(Figures.share(f.decimal(INSURED_COVERAGE_PCT)) + " of the population");
    }
    return List.of(
        new Paragraph(
            null,
            Figures.count(f.whole(INSURED_PERSONS))
                + " people participated in social, health or unemployment insurance"
                + (parts.isEmpty() ? "" : ", " + String.join(" and ", parts))
                + "."));
  }

  /**
   * At a month that ends a quarter, the distinct persons from January: "In the first three months
   * of 2023, 2,800 persons received social-insurance benefits". Nothing in other months.
   */
  static List<Block> sinceJanuary(KeyFigures f, YearMonth month) {
    String stretch =
        switch (month.getMonthValue()) {
          case 3 -> "the first three months";
          case 6 -> "the first six months";
          case 9 -> "the first nine months";
          case 12 -> "the twelve months";
          default -> null;
        };
    List<String> parts = new ArrayList<>();
    if (f.whole(SI_BENEFIT_RECIPIENTS_YTD) != null) {
      parts.add(
          Figures.count(f.whole(SI_BENEFIT_RECIPIENTS_YTD))
              + (f.whole(SI_BENEFIT_RECIPIENTS_YTD) == 1 ? " person" : " persons")
              + " received social-insurance benefits"
              + yearOnYear(f.decimal(SI_BENEFIT_RECIPIENTS_YTD_YOY_CHANGE_PCT)));
    }
    if (f.whole(HI_TREATED_PERSONS_YTD) != null) {
      parts.add(
          Figures.count(f.whole(HI_TREATED_PERSONS_YTD))
              + (f.whole(HI_TREATED_PERSONS_YTD) == 1 ? " person" : " people")
              + " had their treatment covered by health insurance"
              + yearOnYear(f.decimal(HI_TREATED_PERSONS_YTD_YOY_CHANGE_PCT)));
    }
    if (stretch == null || parts.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Paragraph(
            null,
            "In "
                + stretch
                + " of "
                + month.getYear()
                + ", "
                + String.join(" and ", parts)
                + ", each person counted once whatever the months and provinces."));
  }

  private static String yearOnYear(Double changePct) {
    return changePct == null ? "" : " (" + Figures.change(changePct) + " year on year)";
  }
}
