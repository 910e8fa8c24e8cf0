package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.col;
import static vn.bhxh.pipeline.common.indicators.Columns.DATASET;
import static vn.bhxh.pipeline.common.indicators.Columns.PERIOD;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * A step of {@link IndicatorComputation}: which source provinces delivered each dataset each month,
 * against how many make up each territory. The deliveries are found by Spark (from the ingest log
 * or the rows); the counting, a few hundred rows a month, runs on the driver.
 */
public final class Completeness {

  /**
   * A dataset-month computed.
   *
   * @param version the geography version of its province codes
   */
  record Slice(String dataset, Period period, GeographyVersion version) {}

  /**
   * Whether a territory is complete for a dataset-month.
   *
   * @param delivered how many of the territory's source provinces delivered
   * @param complete whether all did
   */
  record Coverage(String dataset, Period period, int territory, long delivered, boolean complete) {}

  private record Delivered(String dataset, Period period, int territory) {}

  private Completeness() {}

  /**
   * Which source provinces delivered which dataset in which month, from rows with a period and a
   * province code: the {@code ingest_log}'s LOADED files, or, without one, the dataset's own rows
   * (and always for population).
   *
   * @param dataset the rows' dataset: a literal, or the log's column
   * @return dataset, period, source_version, province_code (distinct)
   */
  public static Dataset<Row> deliveredFromRows(
      Dataset<Row> rows, Column dataset, Column sourceVersion) {
    return rows.select(
            dataset.as(DATASET),
            col(PERIOD),
            sourceVersion.as(Territories.SOURCE_VERSION),
            col(CommonColumns.PROVINCE_CODE))
        .distinct();
  }

  /**
   * For every slice and every territory of its geography version: how many of the territory's
   * source provinces delivered the dataset that month, and whether all did.
   *
   * @param delivered rows of {@link #deliveredFromRows} (dataset, period, source_version,
   *     province_code); a row without a known version or a province code reaches no territory
   */
  static List<Coverage> coverage(
      Collection<Row> delivered, Collection<Slice> slices, Territories territories) {
    // Distinct province codes per (dataset, month, territory), as a count distinct would.
    Map<Delivered, Set<String>> got = new HashMap<>();
    for (Row row : delivered) {
      Optional<GeographyVersion> version =
          GeographyVersion.fromCode(row.getString(row.fieldIndex(Territories.SOURCE_VERSION)));
      String province = row.getString(row.fieldIndex(CommonColumns.PROVINCE_CODE));
      if (version.isEmpty() || province == null) {
        continue;
      }
      String dataset = row.getString(row.fieldIndex(DATASET));
      Period period = Period.parse(row.getString(row.fieldIndex(PERIOD)));
      for (int territory : territories.reachedBy(version.get(), province)) {
        got.computeIfAbsent(new Delivered(dataset, period, territory), d -> new HashSet<>())
            .add(province);
      }
    }
    List<Coverage> coverage = new ArrayList<>();
    for (Slice slice : slices) {
      territories
          .provincesPerTerritory(slice.version())
          .forEach(
              (territory, provinces) -> {
                long count =
                    got.getOrDefault(
                            new Delivered(slice.dataset(), slice.period(), territory), Set.of())
                        .size();
                coverage.add(
                    new Coverage(
                        slice.dataset(), slice.period(), territory, count, count == provinces));
              });
    }
    return coverage;
  }
}
