package vn.bhxh.pipeline.jobs.report.bulletin;

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
    if (f.insuredPersons() == null) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    if (f.insuredPersonsAttainmentPct() != null) {
      parts.add(Figures.percent(f.insuredPersonsAttainmentPct()) + " of the annual plan");
    }
    if (f.insuredCoveragePct() != null) {
      parts.add(Figures.share(f.insuredCoveragePct()) + " of the population");
    }
    return List.of(
        new Paragraph(
            null,
            Figures.count(f.insuredPersons())
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
    if (f.siBenefitRecipientsYtd() != null) {
      parts.add(
          Figures.count(f.siBenefitRecipientsYtd())
              + (f.siBenefitRecipientsYtd() == 1 ? " person" : " persons")
              + " received social-insurance benefits"
              + yearOnYear(f.siBenefitRecipientsYtdYoyChangePct()));
    }
    if (f.hiTreatedPersonsYtd() != null) {
      parts.add(
          Figures.count(f.hiTreatedPersonsYtd())
              + (f.hiTreatedPersonsYtd() == 1 ? " person" : " people")
              + " had their treatment covered by health insurance"
              + yearOnYear(f.hiTreatedPersonsYtdYoyChangePct()));
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
