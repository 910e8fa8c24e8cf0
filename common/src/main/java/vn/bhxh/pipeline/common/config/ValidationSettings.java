package vn.bhxh.pipeline.common.config;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import vn.bhxh.pipeline.common.error.ConfigurationException;

/**
 * Settings of the checks that {@code transform} and {@code nightly} run over the indicators they
 * compute ({@code pipeline.validation} in {@code reference.conf}; docs/validation.md).
 *
 * @param rules where the validation rules are: {@code classpath:<resource>} or a local file path
 * @param failOn {@link FailOn#ERROR}: a run that finds an error-severity finding exits non-zero
 *     (after writing everything); {@link FailOn#NEVER}: findings are data, never a failure
 * @param outliers the thresholds of the per-province outlier detector
 */
public record ValidationSettings(String rules, FailOn failOn, OutlierSettings outliers)
    implements Serializable {

  /** Whether error findings fail the run. */
  public enum FailOn {
    ERROR,
    NEVER
  }

  /**
   * The outlier detector (docs/validation.md): per province and indicator, in the {@code current}
   * boundary, against the province's own history.
   *
   * @param indicators the indicator codes examined
   * @param historyMonths trailing months of month-over-month log changes the median and MAD are
   *     taken over
   * @param minHistory fewer changes than this in the window: the month-over-month test is skipped
   * @param modifiedZ a change whose robust z-score (deviation from the median ÷ 1.4826 MAD) exceeds
   *     this is an outlier
   * @param minLogScale floor of the robust scale, in natural-log units, so that a very smooth
   *     history does not flag ordinary changes
   * @param yearFactor the value against the same month a year earlier: outside [1/f, f] is a jump
   * @param absoluteFloor per unit of the catalogue ({@code persons}, {@code vnd}…): a finding needs
   *     a difference from the expected value of at least this much, so that tiny provinces do not
   *     flap; a unit not listed has no floor
   * @param severity {@code error} or {@code warning}
   */
  public record OutlierSettings(
      List<String> indicators,
      int historyMonths,
      int minHistory,
      double modifiedZ,
      double minLogScale,
      double yearFactor,
      Map<String, Double> absoluteFloor,
      String severity)
      implements Serializable {
    public OutlierSettings {
      String key = "pipeline.validation.outliers.";
      if (historyMonths < 3 || historyMonths > 36) {
        throw new ConfigurationException(
            key + "history-months must be between 3 and 36, got " + historyMonths);
      }
      if (minHistory < 2 || minHistory > historyMonths) {
        throw new ConfigurationException(
            key + "min-history must be between 2 and history-months, got " + minHistory);
      }
      if (!(modifiedZ > 0) || !(minLogScale >= 0) || !(yearFactor > 1)) {
        throw new ConfigurationException(
            key + "modified-z must be > 0, min-log-scale >= 0 and year-factor > 1");
      }
      checkSeverity(key + "severity", severity);
      indicators = List.copyOf(indicators);
      absoluteFloor = Map.copyOf(absoluteFloor);
    }
  }

  /** {@code error} or {@code warning}; anything else is a configuration error naming the key. */
  public static void checkSeverity(String key, String severity) {
    if (!List.of("error", "warning").contains(severity)) {
      throw new ConfigurationException(key + " must be error or warning, got '" + severity + "'");
    }
  }

  /** Types the {@code pipeline.validation} section. */
  static ValidationSettings from(Config validation) {
    String failOn = validation.getString("fail-on");
    FailOn mode;
    try {
      mode = FailOn.valueOf(failOn.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "pipeline.validation.fail-on must be error or never, got '" + failOn + "'", e);
    }
    Config o = validation.getConfig("outliers");
    Map<String, Double> floors = new TreeMap<>();
    o.getConfig("absolute-floor")
        .root()
        .keySet()
        .forEach(unit -> floors.put(unit, o.getDouble("absolute-floor." + unit)));
    return new ValidationSettings(
        validation.getString("rules"),
        mode,
        new OutlierSettings(
            o.getStringList("indicators"),
            o.getInt("history-months"),
            o.getInt("min-history"),
            o.getDouble("modified-z"),
            o.getDouble("min-log-scale"),
            o.getDouble("year-factor"),
            floors,
            o.getString("severity")));
  }
}
