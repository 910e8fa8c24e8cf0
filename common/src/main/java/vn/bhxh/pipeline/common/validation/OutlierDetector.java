package vn.bhxh.pipeline.common.validation;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import vn.bhxh.pipeline.common.config.ValidationSettings.OutlierSettings;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.ValidationColumns;

/**
 * Outliers per province and indicator against the province's own history, as a pure transformation:
 * {@code indicators} rows in, {@code validation_results} rows out (docs/validation.md). It works in
 * the {@code current} boundary, where every month is re-based to the p34 provinces, so a merged
 * province has one history across the 2025 merger.
 *
 * <p>Two tests per province, indicator and month t, on natural-log values (a value below 1 counts
 * as 1, so a drop to zero is a large change):
 *
 * <ul>
 *   <li>{@link ValidationColumns#DETECTOR_MONTH_CHANGE}: the change from t−1 against the median m
 *       and MAD of the month-over-month changes of the trailing {@code history-months} months (at
 *       least {@code min-history} of them). With s = max(1.4826 × MAD, {@code min-log-scale}), t is
 *       an outlier when the change from t−1 is more than {@code modified-z} × s away from m, and
 *       the change from t−2 more than {@code modified-z} × s × √2 away from 2m, on the same side: a
 *       one-month glitch is flagged, the month that returns to normal after it is not.
 *   <li>{@link ValidationColumns#DETECTOR_YEAR_CHANGE}: the value against the same month a year
 *       earlier, outside [1/f, f] × that value with f = {@code year-factor}, or wider where the
 *       province's own month-over-month changes are noisier: f = max(year-factor, e^(modified-z ×
 *       s)).
 * </ul>
 *
 * Either needs a difference of at least the {@code absolute-floor} of the indicator's unit from the
 * expected value, so that a province of a few hundred participants does not flap.
 */
public final class OutlierDetector {
  private static final String IDX = "_month_index";
  private static final String X = "_x";
  private static final String P1 = "_p1";
  private static final String P2 = "_p2";
  private static final String P12 = "_p12";
  private static final String CHANGE = "_change";
  private static final String T = "_t";
  private static final String MEDIAN = "_median";
  private static final String MAD = "_mad";
  private static final String N = "_n";
  private static final String FLOOR = "_floor";
  private static final String GEO = IndicatorColumns.GEO_CODE;
  private static final String IND = IndicatorColumns.INDICATOR;
  private static final String NAME = IndicatorColumns.GEO_NAME;
  private static final double MAD_TO_SIGMA = 1.4826;

  private OutlierDetector() {}

  /**
   * The outliers of the given months.
   *
   * @param indicators rows of the {@code indicators} table: the months asked for and at least the
   *     {@code history-months} + 2 months before them (fewer: less history, fewer findings)
   * @param periods the months to examine ({@code YYYY-MM})
   * @param settings thresholds and the indicators examined
   * @param catalogue the indicator catalogue, for each indicator's unit
   */
  public static Dataset<Row> findings(
      Dataset<Row> indicators,
      List<String> periods,
      OutlierSettings settings,
      IndicatorCatalogue catalogue) {
    Column floor = lit(0.0);
    for (String code : settings.indicators()) {
      Double unitFloor =
          catalogue.find(code).map(d -> settings.absoluteFloor().get(d.unit())).orElse(null);
      if (unitFloor != null) {
        floor = when(col(IND).equalTo(code), lit(unitFloor)).otherwise(floor);
      }
    }
    Dataset<Row> base =
        indicators
            .where(
                col(IndicatorColumns.BOUNDARY)
                    .equalTo(IndicatorColumns.BOUNDARY_CURRENT)
                    .and(col(IndicatorColumns.GEO_LEVEL).equalTo(IndicatorColumns.LEVEL_PROVINCE))
                    .and(col(IND).isin(settings.indicators().toArray()))
                    .and(col(IndicatorColumns.VALUE).isNotNull()))
            .select(
                col(GEO), col(NAME), col(IND), monthIndex().as(IDX), col(IndicatorColumns.VALUE));

    Dataset<Row> changes =
        shifted(base, 1, P1)
            .join(
                base.select(col(GEO), col(IND), col(IDX), col(IndicatorColumns.VALUE).as(X)),
                keys())
            .select(
                col(GEO),
                col(IND),
                col(IDX).as(CHANGE + IDX),
                ln(col(X)).minus(ln(col(P1))).as(CHANGE));
    Dataset<Row> targets =
        base.where(col(IndicatorColumns.PERIOD).isin(periods.toArray()))
            .select(col(GEO), col(NAME), col(IND), col(IDX), col(IndicatorColumns.VALUE).as(X))
            .join(shifted(base, 1, P1), keys(), "left")
            .join(shifted(base, 2, P2), keys(), "left")
            .join(shifted(base, 12, P12), keys(), "left")
            .withColumn(FLOOR, floor);

    // The trailing window of month-over-month changes of each target month: median, then MAD.
    Dataset<Row> history =
        targets
            .select(col(GEO), col(IND), col(IDX).as(T))
            .join(changes, new String[] {GEO, IND})
            .where(inWindow(settings.historyMonths()));
    Dataset<Row> medians =
        history
            .groupBy(col(GEO), col(IND), col(T))
            .agg(expr("percentile(" + CHANGE + ", 0.5)").as(MEDIAN), count(lit(1)).as(N));
    Dataset<Row> spread =
        history
            .join(medians, new String[] {GEO, IND, T})
            .groupBy(col(GEO), col(IND), col(T))
            .agg(
                expr("first(" + MEDIAN + ")").as(MEDIAN),
                expr("first(" + N + ")").as(N),
                expr("percentile(abs(" + CHANGE + " - " + MEDIAN + "), 0.5)").as(MAD))
            .withColumnRenamed(T, IDX);
    Dataset<Row> frame = targets.join(spread, keys(), "left");

    Dataset<Row> month = monthFindings(frame, settings);
    Dataset<Row> year = yearFindings(frame, settings);
    return month.unionByName(year).select(ValidationTransforms.columns());
  }

  private static Column inWindow(int historyMonths) {
    return col(CHANGE + IDX)
        .geq(col(T).minus(historyMonths))
        .and(col(CHANGE + IDX).leq(col(T).minus(1)));
  }

  private static Dataset<Row> monthFindings(Dataset<Row> frame, OutlierSettings settings) {
    double k = settings.modifiedZ();
    Column median = col(MEDIAN);
    Column scale = greatest(col(MAD).multiply(MAD_TO_SIGMA), lit(settings.minLogScale()));
    Column fromLast = ln(col(X)).minus(ln(col(P1))).minus(median);
    Column fromBeforeLast = ln(col(X)).minus(ln(col(P2))).minus(median.multiply(2));
    Column expected = col(P1).multiply(exp(median));
    Column flagged =
        col(N)
            .geq(settings.minHistory())
            .and(col(P1).isNotNull())
            .and(col(P2).isNotNull())
            .and(abs(fromLast).gt(scale.multiply(k)))
            .and(abs(fromBeforeLast).gt(scale.multiply(k * Math.sqrt(2))))
            .and(signum(fromLast).equalTo(signum(fromBeforeLast)))
            .and(abs(col(X).minus(expected)).geq(col(FLOOR)));
    Column low = col(P1).multiply(exp(median.minus(scale.multiply(k))));
    Column high = col(P1).multiply(exp(median.plus(scale.multiply(k))));
    Column message =
        concat(
            lead(),
            lit(" is "),
            ValidationTransforms.number(col(X)),
            lit(", "),
            offPct(col(X), expected),
            lit(" the "),
            ValidationTransforms.number(expected),
            lit(" expected from the month before and the province's last "),
            col(N).cast(DataTypes.StringType),
            lit(" monthly changes (usual range "),
            ValidationTransforms.number(low),
            lit(" to "),
            ValidationTransforms.number(high),
            lit("): check the province's file for the month before publishing."));
    return finding(
        frame.where(flagged),
        ValidationColumns.DETECTOR_MONTH_CHANGE,
        low,
        high,
        settings,
        message);
  }

  private static Dataset<Row> yearFindings(Dataset<Row> frame, OutlierSettings settings) {
    // The tolerance: ln(year-factor), widened to modified-z × the robust scale of the province's
    // month-over-month changes where it has that history (a noisy series, such as the claims of a
    // small province, moves more from one year to the next too).
    Column scale = greatest(col(MAD).multiply(MAD_TO_SIGMA), lit(settings.minLogScale()));
    Column tolerance =
        when(
                col(N).geq(settings.minHistory()),
                greatest(
                    lit(Math.log(settings.yearFactor())), scale.multiply(settings.modifiedZ())))
            .otherwise(lit(Math.log(settings.yearFactor())));
    Column before = col(P12);
    Column flagged =
        before
            .isNotNull()
            .and(before.gt(0))
            .and(abs(ln(col(X)).minus(ln(before))).gt(tolerance))
            .and(abs(col(X).minus(before)).geq(col(FLOOR)));
    Column low = before.multiply(exp(tolerance.multiply(-1)));
    Column high = before.multiply(exp(tolerance));
    Column message =
        concat(
            lead(),
            lit(" is "),
            ValidationTransforms.number(col(X)),
            lit(", "),
            offPct(col(X), before),
            lit(" the "),
            ValidationTransforms.number(before),
            lit(" of "),
            period(col(IDX).minus(12)),
            lit(" (expected "),
            ValidationTransforms.number(low),
            lit(" to "),
            ValidationTransforms.number(high),
            lit("): check the province's file for the month before publishing."));
    return finding(
        frame.where(flagged), ValidationColumns.DETECTOR_YEAR_CHANGE, low, high, settings, message);
  }

  private static Dataset<Row> finding(
      Dataset<Row> flagged,
      String detector,
      Column low,
      Column high,
      OutlierSettings settings,
      Column message) {
    return flagged.select(
        period(col(IDX)).as(ValidationColumns.PERIOD),
        lit(IndicatorColumns.BOUNDARY_CURRENT).as(ValidationColumns.BOUNDARY),
        lit(IndicatorColumns.LEVEL_PROVINCE).as(ValidationColumns.GEO_LEVEL),
        col(GEO).as(ValidationColumns.GEO_CODE),
        lit(ValidationColumns.KIND_OUTLIER).as(ValidationColumns.KIND),
        lit(detector).as(ValidationColumns.RULE),
        col(IND).as(ValidationColumns.INDICATOR),
        col(X).as(ValidationColumns.VALUE),
        low.as(ValidationColumns.EXPECTED_LOW),
        high.as(ValidationColumns.EXPECTED_HIGH),
        lit(settings.severity()).as(ValidationColumns.SEVERITY),
        message.as(ValidationColumns.MESSAGE));
  }

  /** {@code Hà Nội (01) 2025-03: hi_participants}. */
  private static Column lead() {
    return concat(
        coalesce(col(NAME), col(GEO)),
        lit(" ("),
        col(GEO),
        lit(") "),
        period(col(IDX)),
        lit(": "),
        col(IND));
  }

  /** {@code 40.0% below} or {@code 900.0% above}. */
  private static Column offPct(Column value, Column reference) {
    Column pct = value.divide(reference).minus(1).multiply(100);
    return concat(
        format_number(abs(pct), 1), when(pct.lt(0), lit("% below")).otherwise(lit("% above")));
  }

  private static Dataset<Row> shifted(Dataset<Row> base, int months, String as) {
    return base.select(
        col(GEO), col(IND), col(IDX).plus(months).as(IDX), col(IndicatorColumns.VALUE).as(as));
  }

  private static String[] keys() {
    return new String[] {GEO, IND, IDX};
  }

  private static Column ln(Column x) {
    return log(greatest(x, lit(1.0)));
  }

  /** {@code YYYY-MM} as months since year 0. */
  private static Column monthIndex() {
    Column period = col(IndicatorColumns.PERIOD);
    return substring(period, 1, 4)
        .cast(DataTypes.IntegerType)
        .multiply(12)
        .plus(substring(period, 6, 2).cast(DataTypes.IntegerType))
        .minus(1);
  }

  private static Column floorDiv(Column index) {
    return index.divide(12).cast(DataTypes.IntegerType);
  }

  /** Months since year 0 back to {@code YYYY-MM}. */
  private static Column period(Column index) {
    return format_string("%04d-%02d", floorDiv(index), index.mod(12).plus(1));
  }
}
