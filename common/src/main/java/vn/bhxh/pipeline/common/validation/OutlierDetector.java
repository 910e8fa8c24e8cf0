package vn.bhxh.pipeline.common.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.bhxh.pipeline.common.config.ValidationSettings.OutlierSettings;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.ValidationColumns;
import vn.bhxh.pipeline.common.time.Period;

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
 *
 * <p>Computed on the driver ({@link IndicatorValue}) as Spark computed it before: medians are
 * Spark's {@code percentile} (linear between the two middle values), logarithms and exponentials
 * {@link StrictMath}'s.
 */
public final class OutlierDetector {
  private static final double MAD_TO_SIGMA = 1.4826;

  private OutlierDetector() {}

  /**
   * The outliers of the given months, as a frame of {@link ValidationColumns#TABLE_SCHEMA} ({@link
   * #findings(List, List, OutlierSettings, IndicatorCatalogue)} on the frame's rows).
   */
  public static Dataset<Row> findings(
      Dataset<Row> indicators,
      List<String> periods,
      OutlierSettings settings,
      IndicatorCatalogue catalogue) {
    return ValidationTransforms.frame(
        indicators.sparkSession(),
        findings(IndicatorValue.of(indicators), periods, settings, catalogue));
  }

  /**
   * The outliers of the given months.
   *
   * @param indicators rows of the {@code indicators} table: the months asked for and at least the
   *     {@code history-months} + 2 months before them (fewer: less history, fewer findings)
   * @param periods the months to examine ({@code YYYY-MM})
   * @param settings thresholds and the indicators examined
   * @param catalogue the indicator catalogue, for each indicator's unit
   * @return rows of {@link ValidationColumns#TABLE_SCHEMA}
   */
  public static List<Row> findings(
      List<IndicatorValue> indicators,
      List<String> periods,
      OutlierSettings settings,
      IndicatorCatalogue catalogue) {
    Set<String> examined = Set.copyOf(settings.indicators());
    // Each province's and indicator's series in the current boundary, by month.
    Map<Series, Map<Period, IndicatorValue>> series = new LinkedHashMap<>();
    for (IndicatorValue row : indicators) {
      if (row.boundary().equals(IndicatorColumns.BOUNDARY_CURRENT)
          && row.level().equals(IndicatorColumns.LEVEL_PROVINCE)
          && examined.contains(row.indicator())
          && row.value() != null) {
        series
            .computeIfAbsent(new Series(row.code(), row.indicator()), k -> new HashMap<>())
            .put(Period.parse(row.period()), row);
      }
    }
    List<Row> findings = new ArrayList<>();
    for (Map.Entry<Series, Map<Period, IndicatorValue>> entry : series.entrySet()) {
      Series key = entry.getKey();
      Map<Period, IndicatorValue> months = entry.getValue();
      double floor = floor(key.indicator(), settings, catalogue);
      for (String month : new LinkedHashSet<>(periods)) {
        Period t = Period.parse(month);
        IndicatorValue row = months.get(t);
        if (row == null) {
          continue;
        }
        Target target =
            new Target(
                key,
                t,
                row.name(),
                row.value(),
                valueAt(months, t.plusMonths(-1)),
                valueAt(months, t.plusMonths(-2)),
                valueAt(months, t.plusMonths(-12)),
                floor,
                Spread.of(months, t, settings.historyMonths()));
        monthFinding(target, settings).ifPresent(findings::add);
        yearFinding(target, settings).ifPresent(findings::add);
      }
    }
    return findings;
  }

  /** A series' value in a month, null when it has none. */
  private static Double valueAt(Map<Period, IndicatorValue> months, Period month) {
    IndicatorValue row = months.get(month);
    return row == null ? null : row.value();
  }

  /** A province's series of one indicator. */
  private record Series(String code, String indicator) {}

  /** A month examined, with the values it is judged against (null where there is none). */
  private record Target(
      Series series,
      Period period,
      String name,
      double x,
      Double p1,
      Double p2,
      Double p12,
      double floor,
      Spread spread) {}

  /**
   * The median and MAD of the month-over-month log changes in the trailing window of a month (null
   * when the window has none), and how many changes there are.
   */
  private record Spread(Double median, Double mad, long n) {
    static Spread of(Map<Period, IndicatorValue> months, Period t, int historyMonths) {
      List<Double> changes = new ArrayList<>();
      for (int back = historyMonths; back >= 1; back--) {
        Period month = t.plusMonths(-back);
        Double value = valueAt(months, month);
        Double before = valueAt(months, month.plusMonths(-1));
        if (value != null && before != null) {
          changes.add(ln(value) - ln(before));
        }
      }
      if (changes.isEmpty()) {
        return new Spread(null, null, 0);
      }
      double median = percentile(changes, 0.5);
      List<Double> deviations = new ArrayList<>();
      for (double change : changes) {
        deviations.add(Math.abs(change - median));
      }
      return new Spread(median, percentile(deviations, 0.5), changes.size());
    }

    /** The robust scale: max(1.4826 × MAD, {@code min-log-scale}). */
    double scale(OutlierSettings settings) {
      return mad == null
          ? settings.minLogScale()
          : Math.max(mad * MAD_TO_SIGMA, settings.minLogScale());
    }

    boolean enough(OutlierSettings settings) {
      return median != null && n >= settings.minHistory();
    }
  }

  private static Optional<Row> monthFinding(Target target, OutlierSettings settings) {
    Spread spread = target.spread();
    if (!spread.enough(settings) || target.p1() == null || target.p2() == null) {
      return Optional.empty();
    }
    double k = settings.modifiedZ();
    double median = spread.median();
    double scale = spread.scale(settings);
    double p1 = target.p1();
    double fromLast = ln(target.x()) - ln(p1) - median;
    double fromBeforeLast = ln(target.x()) - ln(target.p2()) - median * 2;
    double expected = p1 * StrictMath.exp(median);
    boolean flagged =
        Math.abs(fromLast) > scale * k
            && Math.abs(fromBeforeLast) > scale * (k * Math.sqrt(2))
            && Math.signum(fromLast) == Math.signum(fromBeforeLast)
            && Math.abs(target.x() - expected) >= target.floor();
    if (!flagged) {
      return Optional.empty();
    }
    double low = p1 * StrictMath.exp(median - scale * k);
    double high = p1 * StrictMath.exp(median + scale * k);
    String message =
        message(
            target,
            expected,
            " expected from the month before and the province's last "
                + spread.n()
                + " monthly changes (usual range ",
            low,
            high);
    return Optional.of(
        finding(target, ValidationColumns.DETECTOR_MONTH_CHANGE, low, high, settings, message));
  }

  private static Optional<Row> yearFinding(Target target, OutlierSettings settings) {
    // The tolerance: ln(year-factor), widened to modified-z × the robust scale of the province's
    // month-over-month changes where it has that history (a noisy series, such as the claims of a
    // small province, moves more from one year to the next too).
    Spread spread = target.spread();
    double tolerance =
        spread.enough(settings)
            ? Math.max(
                Math.log(settings.yearFactor()), spread.scale(settings) * settings.modifiedZ())
            : Math.log(settings.yearFactor());
    Double before = target.p12();
    if (before == null
        || !(before > 0)
        || !(Math.abs(ln(target.x()) - ln(before)) > tolerance)
        || !(Math.abs(target.x() - before) >= target.floor())) {
      return Optional.empty();
    }
    double low = before * StrictMath.exp(tolerance * -1);
    double high = before * StrictMath.exp(tolerance);
    String message =
        message(
            target, before, " of " + target.period().plusMonths(-12) + " (expected ", low, high);
    return Optional.of(
        finding(target, ValidationColumns.DETECTOR_YEAR_CHANGE, low, high, settings, message));
  }

  private static Row finding(
      Target target,
      String detector,
      double low,
      double high,
      OutlierSettings settings,
      String message) {
    return RowFactory.create(
        target.period().toString(),
        IndicatorColumns.BOUNDARY_CURRENT,
        IndicatorColumns.LEVEL_PROVINCE,
        target.series().code(),
        ValidationColumns.KIND_OUTLIER,
        detector,
        target.series().indicator(),
        target.x(),
        low,
        high,
        settings.severity(),
        message);
  }

  /**
   * {@code <lead> is 6,000, 40.0% below the 10,000<against>8,395 to 11,912): check …}: the value
   * against the reference it is judged by, then the range it was expected in.
   */
  private static String message(
      Target target, double reference, String against, double low, double high) {
    return lead(target)
        + " is "
        + FindingText.number(target.x())
        + ", "
        + FindingText.offPct(target.x(), reference)
        + " the "
        + FindingText.number(reference)
        + against
        + FindingText.number(low)
        + " to "
        + FindingText.number(high)
        + "): check the province's file for the month before publishing.";
  }

  /** {@code Hà Nội (01) 2025-03: hi_participants}. */
  private static String lead(Target target) {
    String code = target.series().code();
    return Objects.requireNonNullElse(target.name(), code)
        + " ("
        + code
        + ") "
        + target.period()
        + ": "
        + target.series().indicator();
  }

  /** The indicator's unit's absolute floor, 0 when it has none. */
  private static double floor(
      String indicator, OutlierSettings settings, IndicatorCatalogue catalogue) {
    Double floor =
        catalogue.find(indicator).map(d -> settings.absoluteFloor().get(d.unit())).orElse(null);
    return floor == null ? 0.0 : floor;
  }

  /**
   * Spark's {@code percentile(values, p)}: at position p × (n − 1) of the sorted values, linear
   * between the two values around it.
   */
  static double percentile(List<Double> values, double p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double position = (sorted.length - 1) * p;
    int lower = (int) Math.floor(position);
    int higher = (int) Math.ceil(position);
    if (lower == higher || sorted[lower] == sorted[higher]) {
      return sorted[lower];
    }
    return (higher - position) * sorted[lower] + (position - lower) * sorted[higher];
  }

  /** The natural log of a value, a value below 1 counting as 1. */
  private static double ln(double x) {
    return StrictMath.log(Math.max(x, 1.0));
  }
}
