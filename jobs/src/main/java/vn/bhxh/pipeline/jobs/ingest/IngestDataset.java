package vn.bhxh.pipeline.jobs.ingest;

import java.util.Arrays;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.quality.BenefitsValidator;
import vn.bhxh.pipeline.common.quality.ContributionsValidator;
import vn.bhxh.pipeline.common.quality.FileSlice;
import vn.bhxh.pipeline.common.quality.ParticipationValidator;
import vn.bhxh.pipeline.common.quality.PopulationValidator;
import vn.bhxh.pipeline.common.quality.RowValidator;
import vn.bhxh.pipeline.common.quality.TargetsValidator;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;

/**
 * The datasets {@code ingest} loads: the monthly ones, loaded per (period, province) slice into a
 * table partitioned by period with lineage columns, and the reference ones, which replace their
 * whole table.
 */
enum IngestDataset {
  PARTICIPATION(ParticipationColumns.DATASET, ParticipationColumns.TABLE_SCHEMA, true),
  CONTRIBUTIONS(ContributionsColumns.DATASET, ContributionsColumns.TABLE_SCHEMA, true),
  BENEFITS(BenefitsColumns.DATASET, BenefitsColumns.TABLE_SCHEMA, true),
  POPULATION(PopulationColumns.TABLE, PopulationColumns.TABLE_SCHEMA, false),
  TARGETS(TargetsColumns.TABLE, TargetsColumns.TABLE_SCHEMA, false);

  private final String table;
  private final StructType schema;
  private final boolean monthly;

  IngestDataset(String table, StructType schema, boolean monthly) {
    this.table = table;
    this.schema = schema;
    this.monthly = monthly;
  }

  /** The dataset's name: its landing folder, its table and {@code quarantine.dataset}. */
  String table() {
    return table;
  }

  StructType schema() {
    return schema;
  }

  /**
   * Whether the table is loaded per (period, province) slice, with {@code source_file} and {@code
   * run_id} lineage; reference tables carry {@code run_id} only and are replaced whole.
   */
  boolean monthly() {
    return monthly;
  }

  static IngestDataset of(String name) {
    return Arrays.stream(values())
        .filter(d -> d.table.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not an ingested dataset: " + name));
  }

  /** A fresh validator for one file (validators remember a file's keys to find duplicates). */
  RowValidator validator(
      FileSlice slice,
      ToLongFunction<String> pseudonymizer,
      Geography geography,
      Set<String> targetIndicators) {
    return switch (this) {
      case PARTICIPATION -> new ParticipationValidator(slice, pseudonymizer);
      case CONTRIBUTIONS -> new ContributionsValidator(slice, pseudonymizer);
      case BENEFITS -> new BenefitsValidator(slice, pseudonymizer);
      case POPULATION -> new PopulationValidator(geography);
      case TARGETS -> new TargetsValidator(geography, targetIndicators);
    };
  }
}
