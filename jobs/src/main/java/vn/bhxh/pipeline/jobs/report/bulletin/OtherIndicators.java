package vn.bhxh.pipeline.jobs.report.bulletin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.indicators.IndicatorDefinition;
import vn.bhxh.pipeline.common.indicators.ReportIndicator;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Facet;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Block;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Heading;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Items;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Paragraph;

/**
 * The bulletin's national figures of the indicators it has no paragraphs of its own for: every
 * indicator of the catalogue's {@code report} section shown in the bulletin, one line each, written
 * from the catalogue (its English name, its unit) and its report columns. This is what puts an
 * indicator added by configuration alone into the bulletin: "Health insurance participants in
 * households: 3 persons, plan 4 persons, 75.0% of the annual plan (+50.0% year on year)."
 */
final class OtherIndicators {
  static final String HEADING = "Other indicators";

  /**
   * The indicators the bulletin's own paragraphs are about ({@link NationalParagraphs}, {@link
   * PersonsParagraphs}): they are not listed again.
   */
  static final Set<String> WRITTEN_UP =
      Set.of(
          ReportMeasureColumns.SI_PARTICIPANTS,
          ReportMeasureColumns.SI_VOLUNTARY_PARTICIPANTS,
          ReportMeasureColumns.SI_COVERAGE_PCT,
          ReportMeasureColumns.HI_PARTICIPANTS,
          ReportMeasureColumns.HI_COVERAGE_PCT,
          ReportMeasureColumns.UI_PARTICIPANTS,
          ReportMeasureColumns.UI_COVERAGE_PCT,
          ReportMeasureColumns.COLLECTED_VND_YTD,
          ReportMeasureColumns.COLLECTION_RATE_PCT,
          ReportMeasureColumns.ARREARS_VND,
          ReportMeasureColumns.E_TRANSACTION_SHARE_PCT,
          ReportMeasureColumns.INSURED_PERSONS,
          ReportMeasureColumns.INSURED_COVERAGE_PCT,
          ReportMeasureColumns.SI_BENEFIT_RECIPIENTS_YTD,
          ReportMeasureColumns.HI_TREATED_PERSONS_YTD);

  private static final String PERCENT = "percent";
  private static final String VND = "vnd";

  private OtherIndicators() {}

  /**
   * The entries of the report section that the bulletin lists here, in their order. Fails on an
   * entry that says {@code bulletin = false} of an indicator the bulletin has paragraphs for.
   */
  static List<ReportIndicator> of(List<ReportIndicator> report) {
    for (ReportIndicator entry : report) {
      if (!entry.inBulletin() && WRITTEN_UP.contains(entry.code())) {
        throw new ConfigurationException(
            "indicator catalogue, report section: "
                + entry.code()
                + " has paragraphs of its own in the bulletin; bulletin = false cannot leave it"
                + " out");
      }
    }
    return report.stream()
        .filter(ReportIndicator::inBulletin)
        .filter(entry -> !WRITTEN_UP.contains(entry.code()))
        .toList();
  }

  /** A heading and one line per indicator; nothing when there are none. */
  static List<Block> blocks(List<ReportIndicator> indicators, KeyFigures figures) {
    if (indicators.isEmpty()) {
      return List.of();
    }
    List<Paragraph> lines = new ArrayList<>();
    for (ReportIndicator indicator : indicators) {
      lines.add(new Paragraph(indicator.definition().nameEn() + ":", line(indicator, figures)));
    }
    return List.of(new Heading(HEADING), new Items(lines));
  }

  /** The figures of one indicator in one sentence; a missing figure is left out. */
  static String line(ReportIndicator indicator, KeyFigures figures) {
    IndicatorDefinition definition = indicator.definition();
    String code = definition.code();
    Object value = figures.value(Facet.VALUE.column(code));
    List<String> parts = new ArrayList<>();
    String change = null;
    for (Facet facet : indicator.facets()) {
      Object figure = figures.value(facet.column(code));
      if (figure == null) {
        continue;
      }
      switch (facet) {
        case VALUE -> {}
        case TARGET -> parts.add("plan " + amount(definition, figure));
        case ATTAINMENT_PCT -> parts.add(Figures.percent((Double) figure) + " of the annual plan");
        case ON_TRACK ->
            parts.add(
                (Boolean) figure
                    ? "on track for the plan"
                    : "behind the pace needed to meet the plan");
        case YOY_CHANGE -> change = difference(definition, figure);
        case YOY_CHANGE_PCT -> change = Figures.change((Double) figure);
      }
    }
    String text = value == null ? "no figure this month" : amount(definition, value);
    if (!parts.isEmpty()) {
      text += ", " + String.join(", ", parts);
    }
    if (change != null) {
      text += " (" + change + " year on year)";
    }
    return text + ".";
  }

  /** A value or plan in the indicator's unit: a share, an amount in đồng, or a count of things. */
  private static String amount(IndicatorDefinition definition, Object figure) {
    return switch (definition.unit()) {
      case PERCENT -> Figures.share(((Number) figure).doubleValue());
      case VND -> Figures.vnd(Math.round(((Number) figure).doubleValue()));
      default -> count(((Number) figure).doubleValue(), definition.unit());
    };
  }

  /** A year-on-year difference: percentage points of a share, else a signed amount or count. */
  private static String difference(IndicatorDefinition definition, Object figure) {
    double change = ((Number) figure).doubleValue();
    return switch (definition.unit()) {
      case PERCENT -> Figures.points(change);
      case VND -> (change < 0 ? "-" : "+") + Figures.vnd(Math.round(Math.abs(change)));
      default -> (change < 0 ? "-" : "+") + count(Math.abs(change), definition.unit());
    };
  }

  /** {@code 1,234 persons}, {@code 1 person}; a whole number unless the indicator is a ratio. */
  private static String count(double value, String unit) {
    boolean whole = value == Math.rint(value);
    String number =
        whole ? Figures.count((long) value) : String.format(Locale.ENGLISH, "%,.2f", value);
    String noun =
        whole && (long) value == 1 && unit.endsWith("s")
            ? unit.substring(0, unit.length() - 1)
            : unit;
    return number + " " + noun;
  }
}
