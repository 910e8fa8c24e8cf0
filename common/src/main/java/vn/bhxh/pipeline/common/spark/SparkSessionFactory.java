package vn.bhxh.pipeline.common.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.access.ReadOnlySessionExtension;
import vn.bhxh.pipeline.common.config.PipelineConfig;

/**
 * The one place a {@link SparkSession} is built. Under spark-submit the master and any {@code
 * --conf spark.*} given there win over the pipeline's defaults; run from {@code bin/pipeline} it
 * starts an embedded local session. Delta Lake is always enabled (added to any submitted {@code
 * spark.sql.extensions}, with the pipeline's read-only guard, inert unless a query server turns it
 * on for its session); the session time zone is always UTC so periods and timestamps do not depend
 * on the machine. Spark settings in the pipeline's own configuration ({@code
 * pipeline.spark.settings}, or {@code --conf spark.x=y} after {@code pipeline}) win over both.
 */
public final class SparkSessionFactory {
  /** How many compiled generated classes Spark keeps (a static setting: fixed at start). */
  static final String CODEGEN_CACHE = "spark.sql.codegen.cache.maxEntries";

  static final String EXTENSIONS = "spark.sql.extensions";
  static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";

  /**
   * Inert until a session is guarded: then every statement of it must be a read-only query of the
   * warehouse (the query server, {@code serve}).
   */
  static final String READ_ONLY_EXTENSION = ReadOnlySessionExtension.class.getName();

  private SparkSessionFactory() {}

  /** Returns the active session configured for the pipeline, creating it if needed. */
  public static SparkSession create(PipelineConfig config) {
    SparkConf submitted = new SparkConf(); // holds spark.* system properties set by spark-submit
    SparkSession.Builder builder = SparkSession.builder().appName(config.spark().appName());
    if (!submitted.contains("spark.master")) {
      builder.master(config.spark().master());
    }
    settings(config, submitted).forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * The settings the session is built with: what Delta and the pipeline need, the pipeline's
   * defaults for what was not submitted, then the pipeline's own Spark settings.
   */
  static Map<String, String> settings(PipelineConfig config, SparkConf submitted) {
    Map<String, String> settings = new LinkedHashMap<>();
    // Needed: Delta's extension beside any submitted one, then the read-only guard (which wraps
    // Delta's parser, so it sees VACUUM and OPTIMIZE as Delta parses them), its catalog, and UTC.
    List<String> extensions = new ArrayList<>();
    for (String name : submitted.get(EXTENSIONS, "").split(",")) {
      if (!name.isBlank()) {
        extensions.add(name.strip());
      }
    }
    boolean changed = false;
    for (String needed : List.of(DELTA_EXTENSION, READ_ONLY_EXTENSION)) {
      if (!extensions.contains(needed)) {
        extensions.add(needed);
        changed = true;
      }
    }
    settings.put(
        EXTENSIONS, changed ? String.join(",", extensions) : submitted.get(EXTENSIONS, ""));
    settings.put(
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    settings.put("spark.sql.session.timeZone", "UTC");

    // Defaults: a --conf given to spark-submit keeps its value.
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("spark.sql.adaptive.enabled", "true");
    defaults.put("spark.sql.adaptive.coalescePartitions.enabled", "true");
    defaults.put(
        "spark.sql.shuffle.partitions", String.valueOf(config.spark().shufflePartitions()));
    defaults.put("spark.ui.enabled", String.valueOf(config.spark().uiEnabled()));
    defaults.put("spark.ui.showConsoleProgress", "false");
    // Small tables are many: keep Delta's snapshot state in few partitions.
    defaults.put("spark.databricks.delta.snapshotPartitions", "4");
    // Delta 3.3 lists a small table's files in each commit's checksum (.crc) only to derive the
    // next commit's list from it: no read uses that list (a snapshot's files come from the log).
    // Yet the first commit of a new table plans and runs a query over the empty table to start it
    // (~60% of a cold driver's commit time in a short ingest), and every checkpoint checks it
    // against the log again. The checksum keeps everything else (sizes, protocol, metadata).
    defaults.put("spark.databricks.delta.allFilesInCrc.enabled", "false");
    defaults.put("spark.sql.parquet.compression.codec", "zstd");
    // Pools of fairscheduler.xml (on the classpath): jobs queue as in FIFO mode unless a thread
    // names another pool, as the ingest's commits do so as not to wait behind other batches' reads.
    defaults.put("spark.scheduler.mode", "FAIR");
    // Local files without a chmod or readlink process per file written or renamed (LocalFiles).
    defaults.put("spark.hadoop.fs.file.impl", LocalFiles.FileSystem.class.getName());
    defaults.put("spark.hadoop.fs.AbstractFileSystem.file.impl", LocalFiles.Fs.class.getName());
    // A nightly generates more than the default 100 classes, so a driver that stays up (nightly
    // --watch) compiled most of them again on every pass: about 6 s of CPU in a re-delivery. A
    // generated class is tens of KB; 2000 fit in well under 100 MB.
    defaults.put(CODEGEN_CACHE, "2000");
    defaults.forEach(
        (key, value) -> {
          if (!submitted.contains(key)) {
            settings.put(key, value);
          }
        });

    settings.putAll(config.spark().settings());
    return settings;
  }
}
