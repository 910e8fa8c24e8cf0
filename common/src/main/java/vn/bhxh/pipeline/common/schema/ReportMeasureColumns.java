package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The key indicators that the report tables ({@code report_province_scorecard}, {@code
 * report_region_summary}, {@code report_nation_summary}) show side by side, one column per
 * indicator and facet. A column is named after the indicator code and the facet: {@code
 * si_participants} (the value), {@code si_participants_target}, {@code
 * si_participants_attainment_pct}, {@code si_participants_yoy_change_pct}; for a percentage
 * indicator {@code hi_coverage_pct_yoy_change} is the change in percentage points.
 *
 * <p>Counts and amounts in đồng are {@code bigint} (they are whole numbers); percentages are {@code
 * double} and unrounded, as in {@code indicators}: round when displaying.
 */
public final class ReportMeasureColumns {

  /** Which column of an {@code indicators} row a report column takes. */
  public enum Facet {
    VALUE(""),
    TARGET("_target"),
    ATTAINMENT_PCT("_attainment_pct"),
    ON_TRACK("_on_track"),
    YOY_CHANGE("_yoy_change"),
    YOY_CHANGE_PCT("_yoy_change_pct");

    private final String suffix;

    Facet(String suffix) {
      this.suffix = suffix;
    }

    /** The report column of an indicator's facet. */
    public String column(String indicator) {
      return indicator + suffix;
    }
  }

  /**
   * One report column: the facet of an indicator it holds, and its type.
   *
   * @param column the report column's name
   * @param indicator the indicator code it is taken from
   * @param facet which column of the indicator row
   * @param type {@code bigint} for counts and amounts, {@code double} for percentages
   */
  public record Measure(String column, String indicator, Facet facet, DataType type) {}

  // Indicator codes of the catalogue (CONTRACT §3) that the report tables show.
  public static final String SI_PARTICIPANTS = "si_participants";
  public static final String SI_VOLUNTARY_PARTICIPANTS = "si_voluntary_participants";
  public static final String SI_COVERAGE_PCT = "si_coverage_pct";
  public static final String HI_PARTICIPANTS = "hi_participants";
  public static final String HI_COVERAGE_PCT = "hi_coverage_pct";
  public static final String UI_PARTICIPANTS = "ui_participants";
  public static final String UI_COVERAGE_PCT = "ui_coverage_pct";
  public static final String COLLECTED_VND_YTD = "collected_vnd_ytd";
  public static final String COLLECTION_RATE_PCT = "collection_rate_pct";
  public static final String ARREARS_VND = "arrears_vnd";
  public static final String E_TRANSACTION_SHARE_PCT = "e_transaction_share_pct";
  public static final String SI_BENEFIT_RECIPIENTS = "si_benefit_recipients";
  public static final String HI_COST_VND_YTD = "hi_cost_vnd_ytd";
  // CONTRACT §4: persons in any scheme; distinct persons over the year to date (at a quarter-end
  // month, the figure of "the first three / six / nine months" of the published reports).
  public static final String INSURED_PERSONS = "insured_persons";
  public static final String INSURED_COVERAGE_PCT = "insured_coverage_pct";
  public static final String SI_BENEFIT_RECIPIENTS_YTD = "si_benefit_recipients_ytd";
  public static final String HI_TREATED_PERSONS_YTD = "hi_treated_persons_ytd";

  // Report columns beyond the plain values (named from the indicator and the facet).
  public static final String SI_PARTICIPANTS_TARGET = Facet.TARGET.column(SI_PARTICIPANTS);
  public static final String SI_PARTICIPANTS_ATTAINMENT_PCT =
      Facet.ATTAINMENT_PCT.column(SI_PARTICIPANTS);
  public static final String SI_PARTICIPANTS_YOY_CHANGE_PCT =
      Facet.YOY_CHANGE_PCT.column(SI_PARTICIPANTS);
  public static final String SI_COVERAGE_PCT_YOY_CHANGE = Facet.YOY_CHANGE.column(SI_COVERAGE_PCT);
  public static final String HI_PARTICIPANTS_YOY_CHANGE_PCT =
      Facet.YOY_CHANGE_PCT.column(HI_PARTICIPANTS);
  public static final String HI_COVERAGE_PCT_TARGET = Facet.TARGET.column(HI_COVERAGE_PCT);
  public static final String HI_COVERAGE_PCT_YOY_CHANGE = Facet.YOY_CHANGE.column(HI_COVERAGE_PCT);
  public static final String UI_PARTICIPANTS_YOY_CHANGE_PCT =
      Facet.YOY_CHANGE_PCT.column(UI_PARTICIPANTS);
  public static final String COLLECTED_VND_YTD_TARGET = Facet.TARGET.column(COLLECTED_VND_YTD);
  public static final String COLLECTED_VND_YTD_ATTAINMENT_PCT =
      Facet.ATTAINMENT_PCT.column(COLLECTED_VND_YTD);
  public static final String COLLECTED_VND_YTD_ON_TRACK = Facet.ON_TRACK.column(COLLECTED_VND_YTD);
  public static final String ARREARS_VND_YOY_CHANGE_PCT = Facet.YOY_CHANGE_PCT.column(ARREARS_VND);
  public static final String INSURED_PERSONS_TARGET = Facet.TARGET.column(INSURED_PERSONS);
  public static final String INSURED_PERSONS_ATTAINMENT_PCT =
      Facet.ATTAINMENT_PCT.column(INSURED_PERSONS);
  public static final String SI_BENEFIT_RECIPIENTS_YTD_YOY_CHANGE_PCT =
      Facet.YOY_CHANGE_PCT.column(SI_BENEFIT_RECIPIENTS_YTD);
  public static final String HI_TREATED_PERSONS_YTD_YOY_CHANGE_PCT =
      Facet.YOY_CHANGE_PCT.column(HI_TREATED_PERSONS_YTD);

  /** The measure columns, in table order. */
  public static final List<Measure> MEASURES =
      List.of(
          measure(SI_PARTICIPANTS, Facet.VALUE, LongType),
          measure(SI_PARTICIPANTS, Facet.TARGET, LongType),
          measure(SI_PARTICIPANTS, Facet.ATTAINMENT_PCT, DoubleType),
          measure(SI_PARTICIPANTS, Facet.YOY_CHANGE_PCT, DoubleType),
          measure(SI_VOLUNTARY_PARTICIPANTS, Facet.VALUE, LongType),
          measure(SI_COVERAGE_PCT, Facet.VALUE, DoubleType),
          measure(SI_COVERAGE_PCT, Facet.YOY_CHANGE, DoubleType),
          measure(HI_PARTICIPANTS, Facet.VALUE, LongType),
          measure(HI_PARTICIPANTS, Facet.YOY_CHANGE_PCT, DoubleType),
          measure(HI_COVERAGE_PCT, Facet.VALUE, DoubleType),
          measure(HI_COVERAGE_PCT, Facet.TARGET, DoubleType),
          measure(HI_COVERAGE_PCT, Facet.YOY_CHANGE, DoubleType),
          measure(UI_PARTICIPANTS, Facet.VALUE, LongType),
          measure(UI_PARTICIPANTS, Facet.YOY_CHANGE_PCT, DoubleType),
          measure(UI_COVERAGE_PCT, Facet.VALUE, DoubleType),
          measure(COLLECTED_VND_YTD, Facet.VALUE, LongType),
          measure(COLLECTED_VND_YTD, Facet.TARGET, LongType),
          measure(COLLECTED_VND_YTD, Facet.ATTAINMENT_PCT, DoubleType),
          measure(COLLECTED_VND_YTD, Facet.ON_TRACK, BooleanType),
          measure(COLLECTION_RATE_PCT, Facet.VALUE, DoubleType),
          measure(ARREARS_VND, Facet.VALUE, LongType),
          measure(ARREARS_VND, Facet.YOY_CHANGE_PCT, DoubleType),
          measure(E_TRANSACTION_SHARE_PCT, Facet.VALUE, DoubleType),
          // Benefits: also what makes a month whose benefits files are missing provisional.
          measure(SI_BENEFIT_RECIPIENTS, Facet.VALUE, LongType),
          measure(SI_BENEFIT_RECIPIENTS, Facet.YOY_CHANGE_PCT, DoubleType),
          measure(HI_COST_VND_YTD, Facet.VALUE, LongType),
          measure(HI_COST_VND_YTD, Facet.YOY_CHANGE_PCT, DoubleType),
          // Appended, so that the columns above keep their positions in existing tables.
          measure(INSURED_PERSONS, Facet.VALUE, LongType),
          measure(INSURED_PERSONS, Facet.TARGET, LongType),
          measure(INSURED_PERSONS, Facet.ATTAINMENT_PCT, DoubleType),
          measure(INSURED_COVERAGE_PCT, Facet.VALUE, DoubleType),
          measure(SI_BENEFIT_RECIPIENTS_YTD, Facet.VALUE, LongType),
          measure(SI_BENEFIT_RECIPIENTS_YTD, Facet.YOY_CHANGE_PCT, DoubleType),
          measure(HI_TREATED_PERSONS_YTD, Facet.VALUE, LongType),
          measure(HI_TREATED_PERSONS_YTD, Facet.YOY_CHANGE_PCT, DoubleType));

  /** The indicator codes the measures come from, each once, in table order. */
  public static final List<String> INDICATORS =
      MEASURES.stream().map(Measure::indicator).distinct().toList();

  private ReportMeasureColumns() {}

  /** Appends the measure columns (all nullable: an indicator may be missing) to a schema. */
  public static StructType addMeasures(StructType schema) {
    StructType result = schema;
    for (Measure measure : MEASURES) {
      result = result.add(measure.column(), measure.type(), true);
    }
    return result;
  }

  private static Measure measure(String indicator, Facet facet, DataType type) {
    return new Measure(facet.column(indicator), indicator, facet, type);
  }
}
