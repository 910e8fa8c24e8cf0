package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Small inline silver rows and a run of the engine steps over them, every month from the silver
 * rows (what {@code TransformJob} does when the indicators table is empty), deliveries taken from
 * the rows themselves.
 */
final class EngineFixture {
  static final SparkSession SPARK = SparkTestSession.get();
  static final Geography GEOGRAPHY = Geography.load(SparkTestSession.config().geography());
  static final Territories TERRITORIES = Territories.of(GEOGRAPHY);
  static final IndicatorCatalogue CATALOGUE =
      IndicatorCatalogue.load(SparkTestSession.config().indicators().catalogue());

  private final List<Row> participation = new ArrayList<>();
  private final List<Row> contributions = new ArrayList<>();
  private final List<Row> benefits = new ArrayList<>();
  private final List<Row> population = new ArrayList<>();
  private final List<Row> targets = new ArrayList<>();

  /** A participation row: person {@code key} active in {@code scheme}. */
  EngineFixture person(String period, String province, long key, String scheme) {
    participation.add(
        RowFactory.create(period, province, null, key, scheme, null, null, null, null, "t", "t"));
    return this;
  }

  /** A contributions row of an employer. */
  EngineFixture payer(String period, String province, long key, long due, long paid) {
    contributions.add(
        RowFactory.create(period, province, key, "EMPLOYER", due, paid, 0L, 0, "Y", "t", "t"));
    return this;
  }

  /** A benefits row. */
  EngineFixture claim(String period, String province, long key, String regime, long amount) {
    benefits.add(
        RowFactory.create(
            period, province, "c" + benefits.size(), key, regime, "ONE_OFF", amount, "t", "t"));
    return this;
  }

  EngineFixture population(int year, String province, long total, long workingAge) {
    population.add(RowFactory.create(year, province, total, workingAge, "t"));
    return this;
  }

  EngineFixture target(int year, String geo, String indicator, double value) {
    targets.add(RowFactory.create(year, geo, indicator, value, "t"));
    return this;
  }

  /** Runs the engine for the months wanted; returns the indicators rows by {@link #key}. */
  Map<String, Row> run(String... wantedMonths) {
    Dataset<Row> rows = frame(wantedMonths);
    Map<String, Row> byKey = new HashMap<>();
    for (Row row : rows.collectAsList()) {
      String key =
          key(
              row.getAs(IndicatorColumns.PERIOD),
              row.getAs(IndicatorColumns.BOUNDARY),
              row.getAs(IndicatorColumns.GEO_CODE),
              row.getAs(IndicatorColumns.INDICATOR));
      // province codes are digits, region codes letters, the nation VN: one key space
      if (byKey.put(key, row) != null) {
        throw new AssertionError("two rows for " + key);
      }
    }
    return byKey;
  }

  static String key(String period, String boundary, String geo, String indicator) {
    return period + "/" + boundary + "/" + geo + "/" + indicator;
  }

  /** The engine's output frame for the months wanted. */
  Dataset<Row> frame(String... wantedMonths) {
    SortedSet<Period> wanted = new TreeSet<>();
    for (String m : wantedMonths) {
      wanted.add(Period.parse(m));
    }
    SortedSet<Period> valueMonths = new TreeSet<>(wanted);
    wanted.forEach(p -> valueMonths.add(p.previousYear()));
    SortedSet<Period> baseMonths = new TreeSet<>();
    for (Period p : valueMonths) {
      for (Period m = p.startOfYear(); !m.isAfter(p); m = m.plusMonths(1)) {
        baseMonths.add(m);
      }
    }
    Dataset<Row> links = TERRITORIES.linksFrame(SPARK);
    Dataset<Row> territoryFrame = TERRITORIES.territoriesFrame(SPARK);
    Dataset<Row> baseMonthFrame = months(baseMonths);
    Column versionOfMonth = TERRITORIES.versionOf(col(IndicatorColumns.PERIOD));
    Column versionOfYear = IndicatorEngine.versionOfYear(TERRITORIES, col(PopulationColumns.YEAR));

    Map<String, Dataset<Row>> silver =
        Map.of(
            ParticipationColumns.DATASET,
            SPARK.createDataFrame(participation, ParticipationColumns.TABLE_SCHEMA),
            ContributionsColumns.DATASET,
            SPARK.createDataFrame(contributions, ContributionsColumns.TABLE_SCHEMA),
            BenefitsColumns.DATASET,
            SPARK.createDataFrame(benefits, BenefitsColumns.TABLE_SCHEMA));
    List<Dataset<Row>> measures = new ArrayList<>();
    List<Dataset<Row>> delivered = new ArrayList<>();
    List<Dataset<Row>> slices = new ArrayList<>();
    List<Dataset<Row>> firstMonths = new ArrayList<>();
    for (Map.Entry<String, Dataset<Row>> entry : silver.entrySet()) {
      Dataset<Row> rows = entry.getValue().join(baseMonthFrame, IndicatorColumns.PERIOD);
      if (YearToDateDistinct.datasets(CATALOGUE).contains(entry.getKey())) {
        firstMonths.add(
            YearToDateDistinct.firstMonths(rows, entry.getKey(), versionOfMonth, CATALOGUE, links));
      }
      measures.add(IndicatorEngine.measure(rows, entry.getKey(), versionOfMonth, CATALOGUE, links));
      delivered.add(IndicatorEngine.deliveredFromRows(rows, entry.getKey(), versionOfMonth));
      slices.add(
          baseMonthFrame.select(
              org.apache.spark.sql.functions.lit(entry.getKey()).as(IndicatorEngine.DATASET),
              col(IndicatorColumns.PERIOD),
              versionOfMonth.as(Territories.SOURCE_VERSION)));
    }
    Dataset<Row> populationRows =
        IndicatorEngine.populationByMonth(
            SPARK.createDataFrame(population, PopulationColumns.TABLE_SCHEMA), baseMonthFrame);
    measures.add(
        IndicatorEngine.measure(
            populationRows, PopulationColumns.TABLE, versionOfYear, CATALOGUE, links));
    delivered.add(
        IndicatorEngine.deliveredFromRows(populationRows, PopulationColumns.TABLE, versionOfYear));
    slices.add(
        baseMonthFrame
            .withColumn(
                PopulationColumns.YEAR,
                org.apache
                    .spark
                    .sql
                    .functions
                    .substring(col(IndicatorColumns.PERIOD), 1, 4)
                    .cast(DataTypes.IntegerType))
            .select(
                org.apache
                    .spark
                    .sql
                    .functions
                    .lit(PopulationColumns.TABLE)
                    .as(IndicatorEngine.DATASET),
                col(IndicatorColumns.PERIOD),
                versionOfYear.as(Territories.SOURCE_VERSION)));

    Dataset<Row> completeness =
        IndicatorEngine.completeness(
            delivered.stream().reduce(Dataset::unionByName).orElseThrow(),
            slices.stream().reduce(Dataset::unionByName).orElseThrow(),
            links);
    Dataset<Row> base =
        IndicatorEngine.baseValues(
                measures.stream().reduce(Dataset::unionByName).orElseThrow(),
                completeness,
                CATALOGUE)
            .localCheckpoint(true);
    Dataset<Row> wantedFrame = months(wanted);
    Dataset<Row> values =
        IndicatorEngine.values(base, CATALOGUE, months(valueMonths))
            .unionByName(
                YearToDateDistinct.values(
                    firstMonths.stream().reduce(Dataset::unionByName).orElseThrow(),
                    base,
                    CATALOGUE,
                    months(valueMonths)));
    Dataset<Row> targetValues =
        IndicatorEngine.targets(
            SPARK.createDataFrame(targets, TargetsColumns.TABLE_SCHEMA),
            base,
            CATALOGUE,
            TERRITORIES,
            territoryFrame,
            links,
            wantedFrame);
    return IndicatorEngine.assemble(
        values, targetValues, CATALOGUE, TERRITORIES, territoryFrame, wantedFrame);
  }

  static Dataset<Row> months(SortedSet<Period> periods) {
    List<Row> rows = periods.stream().map(p -> RowFactory.create(p.toString())).toList();
    return SPARK.createDataFrame(
        rows, new StructType().add(IndicatorColumns.PERIOD, DataTypes.StringType, false));
  }
}
