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
 * indicator and facet. Which indicators and facets, in which order, is the {@code report} section
 * of the indicator catalogue ({@code conf/indicators.conf}); this class holds the naming and typing
 * rule they follow. A column is named after the indicator code and the facet: {@code
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
    VALUE("value", ""),
    TARGET("target", "_target"),
    ATTAINMENT_PCT("attainment-pct", "_attainment_pct"),
    ON_TRACK("on-track", "_on_track"),
    YOY_CHANGE("yoy-change", "_yoy_change"),
    YOY_CHANGE_PCT("yoy-change-pct", "_yoy_change_pct");

    private final String code;
    private final String suffix;

    Facet(String code, String suffix) {
      this.code = code;
      this.suffix = suffix;
    }

    /** The facet's name in the catalogue's {@code report} section: {@code attainment-pct}. */
    public String code() {
      return code;
    }

    /** The facet with a catalogue name; fails on an unknown one. */
    public static Facet fromCode(String code) {
      for (Facet facet : values()) {
        if (facet.code.equals(code)) {
          return facet;
        }
      }
      throw new IllegalArgumentException("unknown report column '" + code + "'");
    }

    /** The report column of an indicator's facet. */
    public String column(String indicator) {
      return indicator + suffix;
    }

    /**
     * The column's type: a value, target or change of an indicator that counts or sums ({@code
     * wholeNumbers}) is {@code bigint}, of a ratio {@code double}; attainment and relative change
     * are {@code double}, on-track {@code boolean}.
     */
    public DataType type(boolean wholeNumbers) {
      return switch (this) {
        case VALUE, TARGET, YOY_CHANGE -> wholeNumbers ? LongType : DoubleType;
        case ATTAINMENT_PCT, YOY_CHANGE_PCT -> DoubleType;
        case ON_TRACK -> BooleanType;
      };
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
  public record Measure(String column, String indicator, Facet facet, DataType type) {

    /** The column of an indicator's facet, named and typed by the rule above. */
    public static Measure of(String indicator, Facet facet, boolean wholeNumbers) {
      return new Measure(facet.column(indicator), indicator, facet, facet.type(wholeNumbers));
    }
  }

  // Indicator codes of the catalogue (CONTRACT §3) whose report columns code refers to: the
  // scorecard ranks by one, the bulletin writes its paragraphs about them.
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

  private ReportMeasureColumns() {}

  /**
   * Appends measure columns (all nullable: an indicator may be missing) to a schema, in the order
   * given.
   */
  public static StructType addMeasures(StructType schema, List<Measure> measures) {
    StructType result = schema;
    for (Measure measure : measures) {
      result = result.add(measure.column(), measure.type(), true);
    }
    return result;
  }
}
