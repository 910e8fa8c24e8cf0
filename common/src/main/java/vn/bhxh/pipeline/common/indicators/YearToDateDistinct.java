package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static vn.bhxh.pipeline.common.indicators.Columns.INDICATOR;
import static vn.bhxh.pipeline.common.indicators.Columns.KEY;
import static vn.bhxh.pipeline.common.indicators.Columns.PERIOD;
import static vn.bhxh.pipeline.common.indicators.Columns.SHARED_KEY;
import static vn.bhxh.pipeline.common.indicators.Columns.SOURCE;
import static vn.bhxh.pipeline.common.indicators.Columns.TERRITORY;

import java.util.ArrayList;
import java.util.Collection;
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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.indicators.TerritoryValue.Cell;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Year-to-date distinct counts ({@link Measure#YTD_DISTINCT}, {@code measure = ytd-distinct} in the
 * catalogue): the keys of a distinct base measure seen in any month from January to the month, each
 * once in the year, once across the provinces of a region or the nation, and once across the 2025
 * merger of provinces. Pure functions, a step of {@link IndicatorComputation}.
 *
 * <p>The year is not re-read once per month. {@link #firstMonths} reads each month of the year once
 * and keeps, per territory and key, the first month of the year the key passes the base measure's
 * filter; then only the number of keys per (year, territory, indicator, first month) is kept, a few
 * hundred rows per territory and year. The value at month m ({@link #values}) is the number of keys
 * whose first month is ≤ m.
 *
 * <p>Territories: a source province reaches every territory of {@link Territories#links}, its own
 * geography's and the p34 one it became part of. A p34 territory therefore sees the rows of its p63
 * predecessors for January to June 2025 as well as its own from July: a person paid in Bình Định in
 * March and in the merged Gia Lai in May counts once for Gia Lai. The {@code reported} boundary of
 * a p34 month shows those same p34 territories, so from 2025-07 it counts the year within the p34
 * territory with January to June crosswalked (the same reading as {@code ytd} sums); the {@code
 * reported} boundary of January to June 2025 counts within the p63 territories.
 *
 * <p>Internal frames: {@link #firstMonths} returns {@code year, territory_id, indicator,
 * first_month} (an int {@code YYYYMM}) and {@code keys}.
 */
public final class YearToDateDistinct {
  /** Column: the year of a first-month row. */
  public static final String YEAR = "year";

  /** Column: the first month ({@code YYYYMM}) of the year a key was seen in the territory. */
  public static final String FIRST_MONTH = "first_month";

  /** Column: how many keys have that first month. */
  public static final String KEYS = "keys";

  /** The schema of {@link #firstMonths}. */
  public static final StructType FIRST_MONTHS_SCHEMA =
      new StructType()
          .add(YEAR, DataTypes.IntegerType, false)
          .add(Territories.TERRITORY_ID, DataTypes.IntegerType, false)
          .add(IndicatorColumns.INDICATOR, DataTypes.StringType, false)
          .add(FIRST_MONTH, DataTypes.IntegerType, false)
          .add(KEYS, DataTypes.LongType, false);

  private static final String FIRSTS = "first_months";
  private static final String SINGLE_FIRST = "single_first_";
  private static final String FIRST = "first_";

  /** A packed first month: none (a month of the year is 1 to 12). */
  private static final int NONE = 15;

  /** Sixteen 4-bit first months fit in the 64-bit value a key carries. */
  private static final int MAX_INDICATORS_PER_DATASET = 16;

  private YearToDateDistinct() {}

  /** The ytd-distinct indicators whose base measure reads a dataset, in catalogue order. */
  public static List<IndicatorDefinition> indicatorsOf(
      IndicatorCatalogue catalogue, String dataset) {
    return catalogue.ofMeasure(Measure.YTD_DISTINCT).stream()
        .filter(d -> catalogue.get(d.of().orElseThrow()).dataset().orElseThrow().equals(dataset))
        .toList();
  }

  /** The datasets some ytd-distinct indicator reads, in catalogue order. */
  public static List<String> datasets(IndicatorCatalogue catalogue) {
    return catalogue.ofMeasure(Measure.YTD_DISTINCT).stream()
        .map(d -> catalogue.get(d.of().orElseThrow()).dataset().orElseThrow())
        .distinct()
        .toList();
  }

  /**
   * Per year, territory and ytd-distinct indicator of the dataset: how many keys were first seen in
   * each month of the year. One pass over the rows, one shuffle by (year, key):
   *
   * <ol>
   *   <li>per (year, key, source province): for each indicator, the first month the key passes its
   *       base measure's filter (4 bits per indicator in one 64-bit value, merged by a least per
   *       field in one hash pass per task, {@link KeyCollapse});
   *   <li>a key found in one source province in the year, nearly every key outside 2025, has the
   *       same first months in every territory of that province: such keys are counted per
   *       (province, first months) and only those counts fan out to the territories;
   *   <li>a key found in several source provinces (a person who moved, and every key of 2025, whose
   *       months before and after the merger come from a p63 and a p34 province) fans out to its
   *       territories on its own, and its first month per territory is the least of its provinces'
   *       there.
   * </ol>
   *
   * @param rows the dataset's rows (its table columns) of January to the last month wanted of every
   *     year wanted
   * @param sourceVersion the geography version of a row's province code
   * @param links {@link Territories#linksFrame}
   * @param months the months the rows hold (see {@link Measures#monthNumber(Column, Collection)})
   * @return {@link #FIRST_MONTHS_SCHEMA}
   */
  public static Dataset<Row> firstMonths(
      Dataset<Row> rows,
      String dataset,
      Column sourceVersion,
      IndicatorCatalogue catalogue,
      Dataset<Row> links,
      Collection<Period> months) {
    List<IndicatorDefinition> indicators = indicatorsOf(catalogue, dataset);
    if (indicators.isEmpty()) {
      throw new IllegalArgumentException("no ytd-distinct indicator reads " + dataset);
    }
    String keyColumn = catalogue.get(indicators.get(0).of().orElseThrow()).column().orElseThrow();
    if (indicators.size() > MAX_INDICATORS_PER_DATASET) {
      throw new IllegalArgumentException(
          "at most "
              + MAX_INDICATORS_PER_DATASET
              + " ytd-distinct indicators can read one dataset; "
              + dataset
              + " has "
              + indicators.size());
    }
    // The first month of each indicator packed in 4 bits (month of the year, 15 for none), so
    // that one 64-bit value per key merges by a least per field.
    Column monthNumber = Measures.monthNumber(col(PERIOD), months);
    Column monthOfYear = monthNumber.mod(100);
    Column packed = lit(0L);
    Column passesAny = lit(false);
    for (int i = 0; i < indicators.size(); i++) {
      IndicatorDefinition base = catalogue.get(indicators.get(i).of().orElseThrow());
      Column passes = base.filter().map(f -> expr(f)).orElse(lit(true));
      Column field = when(passes, monthOfYear).otherwise(lit(NONE)).cast(DataTypes.LongType);
      packed = packed.bitwiseOR(shiftleft(field, 4 * i));
      passesAny = passesAny.or(coalesce(passes, lit(false)));
    }
    for (int i = indicators.size(); i < 16; i++) {
      packed = packed.bitwiseOR(lit((long) NONE << (4 * i)));
    }
    Dataset<Row> narrow =
        rows.where(passesAny.and(col(keyColumn).isNotNull()))
            .select(
                monthNumber.divide(100).cast(DataTypes.IntegerType).as(YEAR),
                Measures.sourceId(sourceVersion, col(CommonColumns.PROVINCE_CODE)).as(SOURCE),
                col(keyColumn).cast(DataTypes.LongType).as(KEY),
                packed.as(FIRSTS));

    // Per (year, province): the counts of single-province keys per first months, and each key
    // found in several provinces (a person who moved, and every key of 2025, whose months before
    // and after the merger come from a p63 and a p34 province) with its first months there.
    Dataset<Row> collapsed =
        KeyCollapse.collapse(
            narrow, YEAR, SOURCE, KEY, FIRSTS, List.of(), KeyTable.Merge.NIBBLE_MIN);
    List<Column> unpacked =
        new ArrayList<>(List.of(col(YEAR), col(SOURCE), col(SHARED_KEY), col(KEYS)));
    List<Column> territoryKeys =
        new ArrayList<>(List.of(col(YEAR), col(TERRITORY), col(SHARED_KEY)));
    List<Column> merge = new ArrayList<>();
    List<Column> firstColumns = new ArrayList<>();
    for (int i = 0; i < indicators.size(); i++) {
      unpacked.add(firstMonth(col(FIRSTS), i).as(FIRST + i));
      unpacked.add(firstMonth(col(KeyCollapse.SINGLE_VALUE), i).as(SINGLE_FIRST + i));
      territoryKeys.add(col(SINGLE_FIRST + i));
      merge.add(min(col(FIRST + i)).as(FIRST + i));
      firstColumns.add(col(FIRST + i));
    }
    merge.add(sum(col(KEYS)).as(KEYS));
    Dataset<Row> sources =
        broadcast(
            links.select(
                Measures.sourceId(col(Territories.SOURCE_VERSION), col(CommonColumns.PROVINCE_CODE))
                    .as(SOURCE),
                col(TERRITORY)));
    // A single-province key's first months are part of its group; a shared key's are not (its
    // provinces' rows merge per territory and keep the least).
    Dataset<Row> territoryRows =
        collapsed
            .select(unpacked.toArray(Column[]::new))
            .join(sources, SOURCE)
            .groupBy(territoryKeys.toArray(Column[]::new))
            .agg(merge.get(0), merge.subList(1, merge.size()).toArray(Column[]::new));

    // A shared key counts once per territory; a collapsed row counts its keys.
    List<Column> perTerritory = new ArrayList<>(List.of(col(YEAR), col(TERRITORY)));
    perTerritory.addAll(firstColumns);
    Dataset<Row> counted =
        territoryRows
            .groupBy(perTerritory.toArray(Column[]::new))
            .agg(sum(when(col(SHARED_KEY).isNull(), col(KEYS)).otherwise(lit(1L))).as(KEYS));

    List<Column> byIndicator = new ArrayList<>(List.of(col(YEAR), col(TERRITORY), col(KEYS)));
    for (int i = 0; i < indicators.size(); i++) {
      byIndicator.add(col(FIRST + i).as(indicators.get(i).code()));
    }
    return counted
        .select(byIndicator.toArray(Column[]::new))
        .unpivot(
            new Column[] {col(YEAR), col(TERRITORY), col(KEYS)},
            indicators.stream().map(d -> col(d.code())).toArray(Column[]::new),
            INDICATOR,
            FIRST_MONTH)
        .where(col(FIRST_MONTH).isNotNull())
        .groupBy(col(YEAR), col(TERRITORY), col(INDICATOR), col(FIRST_MONTH))
        .agg(sum(col(KEYS)).as(KEYS))
        .select(
            col(YEAR),
            col(TERRITORY),
            col(INDICATOR),
            col(FIRST_MONTH).cast(DataTypes.IntegerType).as(FIRST_MONTH),
            col(KEYS).cast(DataTypes.LongType).as(KEYS));
  }

  /** Indicator {@code i}'s first month ({@code YYYYMM}) from packed first months, or null. */
  private static Column firstMonth(Column packed, int i) {
    Column field = shiftright(packed, 4 * i).bitwiseAND(lit(0xFL));
    return when(
        field.notEqual(lit((long) NONE)),
        col(YEAR).multiply(100).plus(field).cast(DataTypes.IntegerType));
  }

  /**
   * The ytd-distinct indicators' values for the months wanted: the keys first seen from January to
   * the month. Like a {@code ytd} sum, the value is null where no month from January has a value of
   * the base measure (no province of the territory delivered), and complete only when every month
   * from January is there and complete. On the driver: the first months are a few hundred rows per
   * territory and year.
   *
   * @param firstMonths rows of {@link #FIRST_MONTHS_SCHEMA}, {@link #firstMonths} of every dataset
   * @param base {@link BaseValues} by cell, of the months wanted and their year before them
   * @param months the months wanted
   */
  static List<TerritoryValue> values(
      List<Row> firstMonths,
      Map<Cell, TerritoryValue> base,
      IndicatorCatalogue catalogue,
      Set<Period> months) {
    // Keys first seen in each month of the year (index 1 to 12), per year, territory, indicator.
    Map<Cell, long[]> keysByFirstMonth = new HashMap<>();
    for (Row row : firstMonths) {
      int firstMonth = row.getInt(row.fieldIndex(FIRST_MONTH));
      Cell year =
          new Cell(
              Period.of(row.getInt(row.fieldIndex(YEAR)), 1),
              row.getInt(row.fieldIndex(TERRITORY)),
              row.getString(row.fieldIndex(INDICATOR)));
      keysByFirstMonth.computeIfAbsent(year, y -> new long[13])[firstMonth % 100] +=
          row.getLong(row.fieldIndex(KEYS));
    }
    Map<String, SortedSet<Integer>> territories = YearToDateSpan.territories(base.values());
    List<TerritoryValue> values = new ArrayList<>();
    for (IndicatorDefinition indicator : catalogue.ofMeasure(Measure.YTD_DISTINCT)) {
      String distinct = indicator.of().orElseThrow();
      for (Period month : new TreeSet<>(months)) {
        for (int territory : territories.getOrDefault(distinct, new TreeSet<>())) {
          Optional<YearToDateSpan> span = YearToDateSpan.of(base, month, territory, distinct);
          if (span.isEmpty()) {
            continue;
          }
          long[] keys =
              keysByFirstMonth.get(new Cell(month.startOfYear(), territory, indicator.code()));
          long counted = 0;
          for (int m = 1; keys != null && m <= month.month(); m++) {
            counted += keys[m];
          }
          values.add(
              TerritoryValue.of(
                  month,
                  territory,
                  indicator.code(),
                  span.get().monthsWithValue() > 0 ? Double.valueOf(counted) : null,
                  span.get().completeThrough(month)));
        }
      }
    }
    return values;
  }
}
