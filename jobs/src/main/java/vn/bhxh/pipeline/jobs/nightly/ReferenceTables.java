package vn.bhxh.pipeline.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static vn.bhxh.pipeline.jobs.nightly.NightlyJob.GEOGRAPHY_VERIFIED;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.catalog.TableVersion;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.nightly.ReferenceChange;
import vn.bhxh.pipeline.common.nightly.VerifiedContent;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.GeographyColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.ingest.GeographyTable;

/**
 * The nightly's view of the reference tables (geography, population, targets): which of their years
 * changed since the last completed nightly, by the Delta versions recorded in its {@code runs} row
 * and a fingerprint per year; and the {@code geography} table rewritten only when the project's
 * geography differs from it. {@code previous} is that nightly's {@code runs.details} (empty when
 * there was none).
 */
final class ReferenceTables {
  /** The reference tables whose changes invalidate years, each with its version key. */
  private static final Map<ReferenceChange.Kind, String> VERSION_KEYS =
      Map.of(
          ReferenceChange.Kind.POPULATION, NightlyJob.POPULATION_VERSION,
          ReferenceChange.Kind.TARGETS, NightlyJob.TARGETS_VERSION,
          ReferenceChange.Kind.GEOGRAPHY, NightlyJob.GEOGRAPHY_VERSION);

  private static final String YEAR_KEY = "year_key";

  private final SparkSession spark;
  private final TableCatalog catalog;
  private final Consumer<String> describe;

  /**
   * @param describe sets the Spark job description of what follows (the reads of old versions)
   */
  ReferenceTables(SparkSession spark, TableCatalog catalog, Consumer<String> describe) {
    this.spark = spark;
    this.catalog = catalog;
    this.describe = describe;
  }

  /**
   * Whether the {@code geography} table was rewritten, and what this run proved it holds (for the
   * next run's {@link VerifiedContent#vouchesFor}); empty when it cannot tell.
   */
  record GeographyCheck(boolean written, Optional<VerifiedContent> verified) {}

  /**
   * Rewrites {@code geography} only when the project's geography differs from the table: a quiet
   * night writes nothing. It reads nothing either when the last completed nightly recorded that the
   * table, still at the same version, holds a geography with the same fingerprint ({@link
   * VerifiedContent}); otherwise it reads the table at its current version (about a hundred rows)
   * and compares fingerprints on the driver.
   */
  GeographyCheck writeGeographyIfChanged(
      Geography geography, Map<String, String> previous, Runnable beforeWrite) {
    String wanted =
        VerifiedContent.fingerprint(
            Arrays.asList(GeographyColumns.TABLE_SCHEMA.fieldNames()),
            GeographyTable.rows(geography));
    Optional<TableVersion> before = catalog.version(GeographyColumns.TABLE);
    if (before.isPresent()) {
      TableVersion now = before.get();
      boolean vouched =
          VerifiedContent.fromDetails(previous, GEOGRAPHY_VERIFIED)
              .map(verified -> verified.vouchesFor(now, wanted))
              .orElse(false);
      if (vouched || storedFingerprint(now).equals(wanted)) {
        return new GeographyCheck(false, Optional.of(new VerifiedContent(now, wanted)));
      }
    }
    beforeWrite.run();
    GeographyTable.write(catalog, geography);
    Optional<VerifiedContent> verified =
        VerifiedContent.ofWrite(before, catalog.version(GeographyColumns.TABLE), wanted);
    return new GeographyCheck(true, verified);
  }

  /** The fingerprint of the {@code geography} table's rows at a version. */
  private String storedFingerprint(TableVersion version) {
    describe.accept("compare " + GeographyColumns.TABLE + " version " + version.version());
    Dataset<Row> stored =
        spark
            .read()
            .format("delta")
            .option("versionAsOf", version.version())
            .load(catalog.path(GeographyColumns.TABLE));
    return VerifiedContent.fingerprint(Arrays.asList(stored.columns()), stored.collectAsList());
  }

  /**
   * The reference years that differ between the reference tables as the last completed nightly left
   * them (versions in its {@code runs} row) and now; records the versions seen now in {@code
   * versions}. Geography is compared as a whole and then touches every year with data.
   */
  SortedSet<ReferenceChange> changes(
      Map<String, String> previous, SortedSet<Period> present, Map<String, String> versions) {
    SortedSet<ReferenceChange> changes = new TreeSet<>();
    Set<Integer> presentYears =
        present.stream().map(Period::year).collect(Collectors.toCollection(TreeSet::new));
    for (ReferenceChange.Kind kind : ReferenceChange.Kind.values()) {
      String table = tableOf(kind);
      String key = VERSION_KEYS.get(kind);
      Optional<Long> now = version(table);
      now.ifPresent(v -> versions.put(key, Long.toString(v)));
      Optional<Long> before = Optional.ofNullable(previous.get(key)).map(Long::parseLong);
      if (before.equals(now)) {
        continue;
      }
      describe.accept(
          "compare " + table + " with version " + before.map(String::valueOf).orElse("-"));
      Map<Integer, String> after = now.map(v -> fingerprints(kind, v)).orElse(Map.of());
      Map<Integer, String> earlier = before.map(v -> fingerprints(kind, v)).orElse(Map.of());
      for (ReferenceChange change : ReferenceChange.changedYears(kind, earlier, after)) {
        if (kind == ReferenceChange.Kind.GEOGRAPHY) {
          presentYears.forEach(year -> changes.add(new ReferenceChange(kind, year)));
        } else {
          changes.add(change);
        }
      }
    }
    return changes;
  }

  private static String tableOf(ReferenceChange.Kind kind) {
    return switch (kind) {
      case POPULATION -> PopulationColumns.TABLE;
      case TARGETS -> TargetsColumns.TABLE;
      case GEOGRAPHY -> GeographyColumns.TABLE;
    };
  }

  /** The latest Delta version of a table, from its log; empty when it does not exist. */
  private Optional<Long> version(String table) {
    return catalog.version(table).map(TableVersion::version);
  }

  /**
   * A fingerprint per year of a reference table at a version (its rows without lineage, sorted and
   * hashed); geography, which has no year, under one key. A handful of rows collected.
   */
  private Map<Integer, String> fingerprints(ReferenceChange.Kind kind, long version) {
    String table = tableOf(kind);
    Dataset<Row> rows =
        spark
            .read()
            .format("delta")
            .option("versionAsOf", version)
            .load(catalog.path(table))
            .drop(CommonColumns.RUN_ID);
    Column json =
        to_json(struct(Arrays.stream(rows.columns()).map(c -> col(c)).toArray(Column[]::new)));
    Column year =
        kind == ReferenceChange.Kind.GEOGRAPHY
            ? lit(0)
            : col(
                kind == ReferenceChange.Kind.POPULATION
                    ? PopulationColumns.YEAR
                    : TargetsColumns.YEAR);
    Map<Integer, String> result = new TreeMap<>();
    for (Row row :
        rows.groupBy(year.as(YEAR_KEY))
            .agg(sha2(concat_ws("\n", sort_array(collect_list(json))), 256))
            .collectAsList()) {
      result.put(row.getInt(0), row.getString(1));
    }
    return result;
  }
}
