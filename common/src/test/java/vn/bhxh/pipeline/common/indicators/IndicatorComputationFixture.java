package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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
 * Small inline silver rows and a run of {@link IndicatorComputation}, the same computation as
 * {@code TransformStep}'s, over them: every month from the silver rows (what {@code TransformStep}
 * does when the indicators table is empty), deliveries taken from the rows themselves (no ingest
 * log).
 */
final class IndicatorComputationFixture {
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

  /** The months with silver rows (participation, contributions, benefits). */
  private final SortedSet<Period> silverPeriods = new TreeSet<>();

  /** A participation row: person {@code key} active in {@code scheme}. */
  IndicatorComputationFixture person(String period, String province, long key, String scheme) {
    silverPeriods.add(Period.parse(period));
    participation.add(
        RowFactory.create(period, province, null, key, scheme, null, null, null, null, "t", "t"));
    return this;
  }

  /** A contributions row of an employer. */
  IndicatorComputationFixture payer(String period, String province, long key, long due, long paid) {
    silverPeriods.add(Period.parse(period));
    contributions.add(
        RowFactory.create(period, province, key, "EMPLOYER", due, paid, 0L, 0, "Y", "t", "t"));
    return this;
  }

  /** A benefits row. */
  IndicatorComputationFixture claim(
      String period, String province, long key, String regime, long amount) {
    silverPeriods.add(Period.parse(period));
    benefits.add(
        RowFactory.create(
            period, province, "c" + benefits.size(), key, regime, "ONE_OFF", amount, "t", "t"));
    return this;
  }

  IndicatorComputationFixture population(int year, String province, long total, long workingAge) {
    population.add(RowFactory.create(year, province, total, workingAge, "t"));
    return this;
  }

  IndicatorComputationFixture target(int year, String geo, String indicator, double value) {
    targets.add(RowFactory.create(year, geo, indicator, value, "t"));
    return this;
  }

  /** Runs the computation for the months wanted; returns the indicators rows by {@link #key}. */
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

  /** The value of the row of a {@link #key}, which must be there. */
  static double value(Map<String, Row> rows, String key) {
    Row row = rows.get(key);
    assertThat(row).as(key).isNotNull();
    return row.<Double>getAs(IndicatorColumns.VALUE);
  }

  /** A column of the row of a {@link #key}, which must be there. */
  static Object column(Map<String, Row> rows, String key, String column) {
    Row row = rows.get(key);
    assertThat(row).as(key).isNotNull();
    return row.getAs(column);
  }

  /**
   * The rows of one indicator in one boundary and the territories named: {@code geo_code}, then the
   * columns asked for; a slice of {@link #frame} small enough to write out whole with {@code
   * Rows.row} and compare with {@code Frames.assertSameRows}.
   */
  static Dataset<Row> slice(
      Dataset<Row> indicators,
      String boundary,
      String indicator,
      List<String> geoCodes,
      String... columns) {
    List<Column> selected = new ArrayList<>();
    selected.add(col(IndicatorColumns.GEO_CODE));
    for (String column : columns) {
      selected.add(col(column));
    }
    return indicators
        .where(col(IndicatorColumns.BOUNDARY).equalTo(boundary))
        .where(col(IndicatorColumns.INDICATOR).equalTo(indicator))
        .where(col(IndicatorColumns.GEO_CODE).isin(geoCodes.toArray()))
        .select(selected.toArray(Column[]::new));
  }

  /**
   * The values of several indicators in one boundary and the territories named: {@code geo_code},
   * then one value column per indicator, in the order given; a table of {@link #frame} to write out
   * whole with {@code Rows.row}.
   */
  static Dataset<Row> values(
      Dataset<Row> indicators, String boundary, List<String> geoCodes, String... indicatorCodes) {
    return indicators
        .where(col(IndicatorColumns.BOUNDARY).equalTo(boundary))
        .where(col(IndicatorColumns.GEO_CODE).isin(geoCodes.toArray()))
        .groupBy(IndicatorColumns.GEO_CODE)
        .pivot(IndicatorColumns.INDICATOR, List.<Object>of((Object[]) indicatorCodes))
        .agg(first(IndicatorColumns.VALUE));
  }

  /**
   * The computation's output frame for the months wanted, every month from the silver rows (what
   * {@code TransformStep} does when the indicators table is empty).
   */
  Dataset<Row> frame(String... wantedMonths) {
    SortedSet<Period> wanted = new TreeSet<>();
    for (String m : wantedMonths) {
      wanted.add(Period.parse(m));
    }
    MonthPlan plan = MonthPlan.of(wanted, wanted, silverPeriods, Set.of());
    return new IndicatorComputation(SPARK, CATALOGUE, TERRITORIES).compute(plan, inputs());
  }

  /** The inline rows as the computation's inputs: no ingest log, no stored indicators. */
  private IndicatorInputs inputs() {
    Map<String, Dataset<Row>> rows =
        Map.of(
            ParticipationColumns.DATASET,
            SPARK.createDataFrame(participation, ParticipationColumns.TABLE_SCHEMA),
            ContributionsColumns.DATASET,
            SPARK.createDataFrame(contributions, ContributionsColumns.TABLE_SCHEMA),
            BenefitsColumns.DATASET,
            SPARK.createDataFrame(benefits, BenefitsColumns.TABLE_SCHEMA),
            PopulationColumns.TABLE,
            SPARK.createDataFrame(population, PopulationColumns.TABLE_SCHEMA));
    Dataset<Row> targetRows = SPARK.createDataFrame(targets, TargetsColumns.TABLE_SCHEMA);
    return new IndicatorInputs() {
      @Override
      public Optional<Dataset<Row>> rows(String dataset) {
        return Optional.ofNullable(rows.get(dataset));
      }

      @Override
      public Optional<Dataset<Row>> targets() {
        return Optional.of(targetRows);
      }

      @Override
      public Optional<Dataset<Row>> loadedFiles() {
        return Optional.empty();
      }

      @Override
      public Optional<Dataset<Row>> indicators() {
        return Optional.empty();
      }
    };
  }
}
