package vn.bhxh.pipeline.jobs.transform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.indicators.IndicatorInputs;
import vn.bhxh.pipeline.common.indicators.Territories;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.validation.ValidationRules;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * The tables a transform ({@link TransformStep}) reads, opened once, and the checked catalogue,
 * geography and rules: the warehouse's side of {@link IndicatorInputs}.
 */
final class TransformInputs implements IndicatorInputs {
  private static final Logger LOG = LoggerFactory.getLogger(TransformInputs.class);
  private static final String PERIOD = CommonColumns.PERIOD;

  private final JobEnvironment environment;
  private final IndicatorCatalogue catalogue;
  private final Territories territories;
  private final ValidationRules rules;

  /** Tables read on the driver ({@link TableCatalog#readSmall}), with their columns. */
  private static final Map<String, StructType> SMALL_TABLES =
      Map.of(
          PopulationColumns.TABLE, PopulationColumns.TABLE_SCHEMA,
          TargetsColumns.TABLE, TargetsColumns.TABLE_SCHEMA);

  /** The columns of {@code ingest_log} that say which provinces delivered. */
  private static final StructType DELIVERIES =
      new StructType()
          .add(IngestLogColumns.DATASET, DataTypes.StringType, false)
          .add(IngestLogColumns.PERIOD, DataTypes.StringType, true)
          .add(IngestLogColumns.PROVINCE_CODE, DataTypes.StringType, true)
          .add(IngestLogColumns.STATUS, DataTypes.StringType, false);

  private final Map<String, Optional<Dataset<Row>>> tables = new LinkedHashMap<>();
  private Dataset<Row> loadedFiles;
  private SortedSet<Period> silverPeriods;

  private TransformInputs(
      JobEnvironment environment,
      IndicatorCatalogue catalogue,
      Territories territories,
      ValidationRules rules) {
    this.environment = environment;
    this.catalogue = catalogue;
    this.territories = territories;
    this.rules = rules;
  }

  /** Checks the catalogue and geography first: a bad one stops the run before any Spark work. */
  static TransformInputs open(JobEnvironment environment) {
    IndicatorCatalogue catalogue =
        IndicatorCatalogue.load(environment.config().indicators().catalogue());
    Territories territories = Territories.of(Geography.load(environment.config().geography()));
    ValidationRules rules = ValidationStep.rules(environment.config(), catalogue);
    return new TransformInputs(environment, catalogue, territories, rules);
  }

  IndicatorCatalogue catalogue() {
    return catalogue;
  }

  Territories territories() {
    return territories;
  }

  ValidationRules rules() {
    return rules;
  }

  private Optional<Dataset<Row>> table(String name) {
    return tables.computeIfAbsent(
        name,
        n -> {
          if (!environment.catalog().exists(n)) {
            return Optional.empty();
          }
          // Yearly reference tables: a few hundred rows, read on the driver.
          StructType small = SMALL_TABLES.get(n);
          if (small != null) {
            return Optional.of(environment.catalog().readSmall(n, small, Map.of()));
          }
          // The silver tables through their listed files (no Spark job rebuilds their file
          // lists); indicators, which this run also writes, through Delta's own read, so that
          // the write's transaction sees what it read.
          return Optional.of(
              n.equals(IndicatorColumns.TABLE)
                  ? environment.catalog().read(n)
                  : environment.catalog().readListed(n));
        });
  }

  /**
   * Months with rows in any silver table. {@code period} is the partition column: its values come
   * from the Delta log, not from the data; the result is a few dozen strings.
   */
  SortedSet<Period> silverPeriods() {
    if (silverPeriods == null) {
      silverPeriods = new TreeSet<>();
      for (String dataset : catalogue.datasets()) {
        if (!dataset.equals(PopulationColumns.TABLE)) {
          silverPeriods.addAll(periodsOf(dataset));
        }
      }
    }
    return silverPeriods;
  }

  /** Months already in the indicators table (partition values, as above). */
  SortedSet<Period> indicatorPeriods() {
    return periodsOf(IndicatorColumns.TABLE);
  }

  @Override
  public Optional<Dataset<Row>> rows(String dataset) {
    boolean opened = tables.containsKey(dataset);
    Optional<Dataset<Row>> rows = table(dataset);
    if (!opened && rows.isEmpty() && !dataset.equals(PopulationColumns.TABLE)) {
      LOG.warn("transform: table {} is absent: its indicators stay empty", dataset);
    }
    return rows;
  }

  @Override
  public Optional<Dataset<Row>> targets() {
    return table(TargetsColumns.TABLE);
  }

  @Override
  public Optional<Dataset<Row>> indicators() {
    return table(IndicatorColumns.TABLE);
  }

  /**
   * The LOADED files of {@code ingest_log}, read on the driver once for every dataset: a few
   * thousand rows a year.
   */
  @Override
  public Optional<Dataset<Row>> loadedFiles() {
    if (!environment.catalog().exists(IngestLogColumns.TABLE)) {
      return Optional.empty();
    }
    if (loadedFiles == null) {
      loadedFiles =
          environment
              .catalog()
              .readSmall(
                  IngestLogColumns.TABLE,
                  DELIVERIES,
                  Map.of(IngestLogColumns.STATUS, IngestLogColumns.STATUS_LOADED));
    }
    return Optional.of(loadedFiles);
  }

  private SortedSet<Period> periodsOf(String table) {
    return environment.catalog().partitionValues(table, PERIOD).stream()
        .map(Period::parse)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
