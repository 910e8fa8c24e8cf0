package vn.bhxh.pipeline.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The whole configuration of a run, typed and immutable, built once at start-up by {@link
 * ConfigLoader}. Each section is a record of its own; keys and defaults are documented in {@code
 * reference.conf}.
 *
 * @param environment the overlay in force ({@code local}, {@code cluster})
 * @param landing root of the landing zone (a Hadoop path)
 * @param warehouse root of the Delta tables (a Hadoop path)
 * @param reportOut root of report outputs (a Hadoop path)
 * @param indicators where the indicator catalogue is
 */
public record PipelineConfig(
    String environment,
    String landing,
    String warehouse,
    String reportOut,
    SparkSettings spark,
    CatalogSettings catalog,
    GeographySettings geography,
    PseudonymisationSettings pseudonymisation,
    IndicatorSettings indicators)
    implements Serializable {

  /** Spark session settings. */
  public record SparkSettings(
      String master,
      String appName,
      int shufflePartitions,
      boolean uiEnabled,
      Map<String, String> settings)
      implements Serializable {
    public SparkSettings {
      if (shufflePartitions < 1) {
        throw new ConfigurationException(
            "pipeline.spark.shuffle-partitions must be at least 1, got " + shufflePartitions);
      }
      settings = Map.copyOf(settings);
    }
  }

  /** How tables are registered by name: {@code path} (temporary views) or {@code hive}. */
  public record CatalogSettings(CatalogMode mode, String database) implements Serializable {}

  /** Registration modes of {@link CatalogSettings}. */
  public enum CatalogMode {
    PATH,
    HIVE
  }

  /** Locations of the reference geography files and the first month of the p34 geography. */
  public record GeographySettings(
      String p63Provinces,
      String p63Regions,
      String p34Provinces,
      String p34Regions,
      String crosswalk,
      Period p34From)
      implements Serializable {}

  /** Where the HMAC key for pseudonymisation comes from. */
  public record PseudonymisationSettings(String keyEnv, String keyFile, boolean createIfMissing)
      implements Serializable {}

  /**
   * Where the indicator catalogue is ({@code pipeline.indicators}).
   *
   * @param catalogue {@code classpath:<resource>} or a local file path
   */
  public record IndicatorSettings(String catalogue) implements Serializable {}

  /** Types a loaded tree; a wrong type becomes a one-line {@link ConfigurationException}. */
  public static PipelineConfig from(Config root) {
    try {
      Config c = root.getConfig("pipeline");
      return new PipelineConfig(
          c.getString("env"),
          nonBlank(c, "landing"),
          nonBlank(c, "warehouse"),
          nonBlank(c, "report-out"),
          new SparkSettings(
              nonBlank(c, "spark.master"),
              nonBlank(c, "spark.app-name"),
              c.getInt("spark.shuffle-partitions"),
              c.getBoolean("spark.ui-enabled"),
              sparkSettings(c.getConfig("spark.settings"))),
          new CatalogSettings(catalogMode(c), nonBlank(c, "catalog.database")),
          new GeographySettings(
              nonBlank(c, "geography.p63-provinces"),
              nonBlank(c, "geography.p63-regions"),
              nonBlank(c, "geography.p34-provinces"),
              nonBlank(c, "geography.p34-regions"),
              nonBlank(c, "geography.crosswalk"),
              period(c, "geography.p34-from")),
          new PseudonymisationSettings(
              c.getString("pseudonymisation.key-env"),
              c.getString("pseudonymisation.key-file"),
              c.getBoolean("pseudonymisation.create-if-missing")),
          new IndicatorSettings(nonBlank(c, "indicators.catalogue")));
    } catch (ConfigException e) {
      throw new ConfigurationException("bad configuration: " + ConfigLoader.oneLine(e), e);
    }
  }

  /** A copy with other landing and warehouse roots (command-line options win over files). */
  public PipelineConfig withLocations(String newLanding, String newWarehouse, String newReportOut) {
    return new PipelineConfig(
        environment,
        newLanding == null ? landing : newLanding,
        newWarehouse == null ? warehouse : newWarehouse,
        newReportOut == null ? reportOut : newReportOut,
        spark,
        catalog,
        geography,
        pseudonymisation,
        indicators);
  }

  private static String nonBlank(Config c, String key) {
    String value = c.getString(key);
    if (value.isBlank()) {
      throw new ConfigurationException("pipeline." + key + " must not be empty");
    }
    return value;
  }

  private static Period period(Config c, String key) {
    String value = c.getString(key);
    Period period = Period.tryParse(value);
    if (period == null) {
      throw new ConfigurationException(
          "pipeline." + key + " must be a period YYYY-MM, got '" + value + "'");
    }
    return period;
  }

  private static CatalogMode catalogMode(Config c) {
    String value = c.getString("catalog.mode");
    try {
      return CatalogMode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "pipeline.catalog.mode must be path or hive, got '" + value + "'", e);
    }
  }

  private static Map<String, String> sparkSettings(Config settings) {
    Map<String, String> result = new LinkedHashMap<>();
    settings
        .entrySet()
        .forEach(
            entry ->
                result.put(
                    String.join(".", com.typesafe.config.ConfigUtil.splitPath(entry.getKey())),
                    String.valueOf(entry.getValue().unwrapped())));
    return result;
  }
}
