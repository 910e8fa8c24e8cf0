package vn.bhxh.pipeline.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param nightly the nightly command's settings (its lock)
 * @param report settings of the {@code report} command
 * @param indicators where the indicator catalogue is
 * @param validation the checks over the indicators (rules, outliers, whether errors fail a run)
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
    GenerateSettings generate,
    NightlySettings nightly,
    ReportSettings report,
    IngestSettings ingest,
    IndicatorSettings indicators,
    ValidationSettings validation)
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
   * Settings of the {@code ingest} command.
   *
   * @param batchBytes landing bytes loaded (and cached) together: the files of one dataset are
   *     loaded in batches of about this size, each written with one commit per table
   * @param splitBytes the largest byte range of a landing file one task reads: a larger
   *     uncompressed file is read by several tasks (at least one range per core of the batch)
   * @param targetRowsPerFile rows per Parquet data file at most: a read task writes one file per
   *     period it reads and starts another past this many rows; also sizes the quarantine's files
   * @param targetIndicators indicator codes that {@code reference/targets.csv} may name; targets of
   *     other codes are quarantined as UNKNOWN_INDICATOR. Empty: the catalogue's plannable
   *     indicators ({@code IndicatorCatalogue.plannable})
   */
  public record IngestSettings(
      long batchBytes, long splitBytes, long targetRowsPerFile, List<String> targetIndicators)
      implements Serializable {
    public IngestSettings {
      if (batchBytes < 1) {
        throw new ConfigurationException(
            "pipeline.ingest.batch-bytes must be positive, got " + batchBytes);
      }
      if (splitBytes < 1_024) {
        throw new ConfigurationException(
            "pipeline.ingest.split-bytes must be at least 1K, got " + splitBytes);
      }
      if (targetRowsPerFile < 1_000) {
        throw new ConfigurationException(
            "pipeline.ingest.target-rows-per-file must be at least 1000, got " + targetRowsPerFile);
      }
      for (String code : targetIndicators) {
        if (!code.matches("[a-z][a-z0-9_]*")) {
          throw new ConfigurationException(
              "pipeline.ingest.target-indicators: '" + code + "' is not an indicator code");
        }
      }
      targetIndicators = List.copyOf(targetIndicators);
    }
  }

  /**
   * Where the indicator catalogue is ({@code pipeline.indicators}).
   *
   * @param catalogue {@code classpath:<resource>} or a local file path
   */
  public record IndicatorSettings(String catalogue) implements Serializable {}

  /** Types a loaded tree; a wrong type becomes a one-line {@link ConfigurationException}. */
  public static PipelineConfig from(Config root) {
    try {
      Config c = root; // full paths, so every message names the whole key
      return new PipelineConfig(
          c.getString("pipeline.env"),
          nonBlank(c, "pipeline.landing"),
          nonBlank(c, "pipeline.warehouse"),
          nonBlank(c, "pipeline.report-out"),
          new SparkSettings(
              nonBlank(c, "pipeline.spark.master"),
              nonBlank(c, "pipeline.spark.app-name"),
              c.getInt("pipeline.spark.shuffle-partitions"),
              c.getBoolean("pipeline.spark.ui-enabled"),
              sparkSettings(c.getConfig("pipeline.spark.settings"))),
          new CatalogSettings(catalogMode(c), nonBlank(c, "pipeline.catalog.database")),
          new GeographySettings(
              nonBlank(c, "pipeline.geography.p63-provinces"),
              nonBlank(c, "pipeline.geography.p63-regions"),
              nonBlank(c, "pipeline.geography.p34-provinces"),
              nonBlank(c, "pipeline.geography.p34-regions"),
              nonBlank(c, "pipeline.geography.crosswalk"),
              period(c, "pipeline.geography.p34-from")),
          new PseudonymisationSettings(
              c.getString("pipeline.pseudonymisation.key-env"),
              c.getString("pipeline.pseudonymisation.key-file"),
              c.getBoolean("pipeline.pseudonymisation.create-if-missing")),
          GenerateSettings.from(c.getConfig("pipeline.generate")),
          NightlySettings.from(c),
          ReportSettings.from(c.getConfig("pipeline.report")),
          new IngestSettings(
              c.getBytes("pipeline.ingest.batch-bytes"),
              c.getBytes("pipeline.ingest.split-bytes"),
              c.getLong("pipeline.ingest.target-rows-per-file"),
              c.getStringList("pipeline.ingest.target-indicators")),
          new IndicatorSettings(nonBlank(c, "pipeline.indicators.catalogue")),
          ValidationSettings.from(c.getConfig("pipeline.validation")));
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
        generate,
        nightly,
        report,
        ingest,
        indicators,
        validation);
  }

  /** A copy with another source of the pseudonymisation key. */
  public PipelineConfig withPseudonymisation(PseudonymisationSettings newPseudonymisation) {
    return new PipelineConfig(
        environment,
        landing,
        warehouse,
        reportOut,
        spark,
        catalog,
        geography,
        newPseudonymisation,
        generate,
        nightly,
        report,
        ingest,
        indicators,
        validation);
  }

  private static String nonBlank(Config c, String key) {
    String value = c.getString(key);
    if (value.isBlank()) {
      throw new ConfigurationException(key + " must not be empty");
    }
    return value;
  }

  private static Period period(Config c, String key) {
    String value = c.getString(key);
    Period period = Period.tryParse(value);
    if (period == null) {
      throw new ConfigurationException(key + " must be a period YYYY-MM, got '" + value + "'");
    }
    return period;
  }

  private static CatalogMode catalogMode(Config c) {
    String value = c.getString("pipeline.catalog.mode");
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
