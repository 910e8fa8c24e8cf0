package vn.bhxh.pipeline.jobs.report.bulletin;

import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.ARREARS_VND;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.ARREARS_VND_YOY_CHANGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.COLLECTED_VND_YTD;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.COLLECTED_VND_YTD_ATTAINMENT_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.COLLECTED_VND_YTD_ON_TRACK;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.COLLECTION_RATE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.E_TRANSACTION_SHARE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_COVERAGE_PCT_TARGET;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_COVERAGE_PCT_YOY_CHANGE;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_PARTICIPANTS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS_ATTAINMENT_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS_YOY_CHANGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_VOLUNTARY_PARTICIPANTS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.UI_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.UI_PARTICIPANTS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.UI_PARTICIPANTS_YOY_CHANGE_PCT;

import java.util.ArrayList;
import java.util.List;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Block;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Paragraph;

/**
 * The bulletin's national paragraphs, in the manner of an official press release: social-insurance
 * participants against their plan, health and unemployment insurance, and collection. Written by
 * hand for the shipped key indicators; every number is a report column of the nation's row ({@link
 * KeyFigures}), and a missing one is left out of its sentence.
 */
final class NationalParagraphs {
  private NationalParagraphs() {}

  /** The paragraphs; {@code asOf} opens the first ("As of 31 October 2023"). */
  static List<Block> blocks(KeyFigures f, String asOf, String monthName, int year) {
    List<Block> blocks = new ArrayList<>();
    if (f.whole(SI_PARTICIPANTS) == null) {
      blocks.add(
          new Paragraph(
              null, asOf + " no national figure of social-insurance participants is available."));
    } else {
      List<String> parts = new ArrayList<>();
      if (f.decimal(SI_PARTICIPANTS_ATTAINMENT_PCT) != null) {
        parts.add(
            Figures.percent(f.decimal(SI_PARTICIPANTS_ATTAINMENT_PCT)) + " of the annual plan");
      }
      if (f.decimal(SI_COVERAGE_PCT) != null) {
        parts.add(Figures.share(f.decimal(SI_COVERAGE_PCT)) + " of the working-age population");
      }
      String text =
          asOf
              + " the nation had "
              + Figures.count(f.whole(SI_PARTICIPANTS))
              + " social-insurance participants"
              + (parts.isEmpty() ? "" : ", " + String.join(" and ", parts))
              + yearOnYear(f.decimal(SI_PARTICIPANTS_YOY_CHANGE_PCT))
              + ".";
      if (f.whole(SI_VOLUNTARY_PARTICIPANTS) != null) {
        text +=
            " Of them, "
                + Figures.count(f.whole(SI_VOLUNTARY_PARTICIPANTS))
                + " contributed voluntarily.";
      }
      blocks.add(new Paragraph(null, text));
    }

    if (f.whole(HI_PARTICIPANTS) != null) {
      String text =
          "Health insurance covered "
              + Figures.count(f.whole(HI_PARTICIPANTS))
              + " people"
              + (f.decimal(HI_COVERAGE_PCT) == null
                  ? ""
                  : ", " + Figures.share(f.decimal(HI_COVERAGE_PCT)) + " of the population")
              + (f.decimal(HI_COVERAGE_PCT_TARGET) == null
                  ? ""
                  : " against a plan of " + Figures.share(f.decimal(HI_COVERAGE_PCT_TARGET)))
              + (f.decimal(HI_COVERAGE_PCT_YOY_CHANGE) == null
                  ? ""
                  : " (" + Figures.points(f.decimal(HI_COVERAGE_PCT_YOY_CHANGE)) + " year on year)")
              + ".";
      blocks.add(new Paragraph(null, text));
    }

    if (f.whole(UI_PARTICIPANTS) != null) {
      String text =
          "Unemployment insurance had "
              + Figures.count(f.whole(UI_PARTICIPANTS))
              + " participants"
              + (f.decimal(UI_COVERAGE_PCT) == null
                  ? ""
                  : ", "
                      + Figures.share(f.decimal(UI_COVERAGE_PCT))
                      + " of the working-age population")
              + yearOnYear(f.decimal(UI_PARTICIPANTS_YOY_CHANGE_PCT))
              + ".";
      blocks.add(new Paragraph(null, text));
    }

    List<String> money = new ArrayList<>();
    if (f.whole(COLLECTED_VND_YTD) != null) {
      String pace =
          f.flag(COLLECTED_VND_YTD_ON_TRACK) == null
              ? ""
              : f.flag(COLLECTED_VND_YTD_ON_TRACK)
                  ? ", on track for the plan"
                  : ", behind the pace needed to meet the plan";
      money.add(
          "Contributions collected from January to "
              + monthName
              + " "
              + year
              + " reached "
              + Figures.vnd(f.whole(COLLECTED_VND_YTD))
              + (f.decimal(COLLECTED_VND_YTD_ATTAINMENT_PCT) == null
                  ? ""
                  : ", "
                      + Figures.percent(f.decimal(COLLECTED_VND_YTD_ATTAINMENT_PCT))
                      + " of the annual plan")
              + pace
              + ".");
    }
    if (f.decimal(COLLECTION_RATE_PCT) != null) {
      money.add(
          "The collection rate of the month was "
              + Figures.share(f.decimal(COLLECTION_RATE_PCT))
              + ".");
    }
    if (f.whole(ARREARS_VND) != null) {
      money.add(
          "Arrears stood at "
              + Figures.vnd(f.whole(ARREARS_VND))
              + yearOnYear(f.decimal(ARREARS_VND_YOY_CHANGE_PCT))
              + ".");
    }
    if (f.decimal(E_TRANSACTION_SHARE_PCT) != null) {
      money.add(
          Figures.share(f.decimal(E_TRANSACTION_SHARE_PCT))
              + " of employers were registered for electronic transactions.");
    }
    if (!money.isEmpty()) {
      blocks.add(new Paragraph(null, String.join(" ", money)));
    }
    return blocks;
  }

  private static String yearOnYear(Double changePct) {
    return changePct == null ? "" : " (" + Figures.change(changePct) + " year on year)";
  }
}
