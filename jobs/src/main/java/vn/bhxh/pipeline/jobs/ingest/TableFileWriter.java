package vn.bhxh.pipeline.jobs.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.spark.ScalaCollections;

/**
 * Writes the accepted rows of one read task straight into Parquet data files in the table's
 * directory, the way Spark's own writer would (its Parquet writer, the session's codec), but from
 * the rows as they are parsed: no cache of the batch, no second pass over it, no sort by period and
 * no row copies between. The files are not part of the table until the batch's commit adds them
 * ({@link TableCommit}); a file whose landing file turns out rejected is deleted instead.
 *
 * <p>A data file holds the rows of one period. The ranges of a landing file read in parts each get
 * files of their own; whole small files read by the same task share them. Each file records which
 * landing files it holds, so that dropping one landing file drops exactly the data files it is in.
 */
final class TableFileWriter {
  /**
   * What every task of a batch needs to write the table's files; made on the driver ({@link
   * #prepare}).
   *
   * @param writeSettings what Spark's Parquet writer set in the Hadoop configuration (schema,
   *     codec, format options), applied over the task's own configuration: the tasks already carry
   *     the driver's, so only the difference travels
   * @param ordinals per data column, the envelope ordinal it is read from ({@link TableRow})
   * @param periodOrdinal the envelope ordinal of {@code period}, or -1 for an unpartitioned table
   * @param provinceOrdinal the envelope ordinal of {@code province_code} whose bounds the commit
   *     records for data skipping, or -1
   * @param maxRowsPerFile rows after which a task starts a new data file for the period
   *     (pipeline.ingest.target-rows-per-file)
   */
  record Spec(
      OutputWriterFactory factory,
      Map<String, String> writeSettings,
      String tableUri,
      StructType dataSchema,
      int[] ordinals,
      int periodOrdinal,
      int provinceOrdinal,
      String runId,
      long maxRowsPerFile)
      implements Serializable {}

  /**
   * One Parquet data file written.
   *
   * @param path relative to the table's directory
   * @param period its partition value, or null in an unpartitioned table
   * @param files the batch indices of the landing files whose rows it holds
   */
  record Written(
      String path,
      String period,
      long size,
      long modified,
      long rows,
      String provinceMin,
      String provinceMax,
      List<Integer> files) {

    InternalRow toInternal() {
      Object[] indices = files.toArray();
      return new GenericInternalRow(
          new Object[] {
            UTF8String.fromString(path),
            period == null ? null : UTF8String.fromString(period),
            size,
            modified,
            rows,
            provinceMin == null ? null : UTF8String.fromString(provinceMin),
            provinceMax == null ? null : UTF8String.fromString(provinceMax),
            new GenericArrayData(indices)
          });
    }

    /** The file of an envelope row of kind {@link Envelope#FILE_WRITTEN}. */
    static Written of(InternalRow row) {
      InternalRow written = row.getStruct(Envelope.WRITTEN_ORDINAL, Envelope.WRITTEN_SCHEMA.size());
      List<Integer> files = new ArrayList<>();
      for (int index : written.getArray(7).toIntArray()) {
        files.add(index);
      }
      return new Written(
          written.getUTF8String(0).toString(),
          Envelope.string(written, 1),
          written.getLong(2),
          written.getLong(3),
          written.getLong(4),
          Envelope.string(written, 5),
          Envelope.string(written, 6),
          files);
    }
  }

  /**
   * The write specification of a dataset's table: Spark's Parquet writer prepared with the
   * session's settings (codec, timestamp and legacy-format options), the data columns (all but the
   * partition column) and where each is found in an envelope row.
   */
  static Spec prepare(
      SparkSession spark,
      Configuration hadoop,
      String tableUri,
      IngestDataset dataset,
      String run,
      long maxRowsPerFile) {
    try {
      Job job = Job.getInstance(new Configuration(hadoop));
      // A person's key is a 64-bit hash with a few rows in a data file: Parquet keeps a dictionary
      // of it (as large as the values) and looks every row up in a hash map, ~6% of the demo's task
      // samples (JFR); without it the demo's participation data is 15% smaller.
      job.getConfiguration()
          .setBoolean(
              ParquetOutputFormat.ENABLE_DICTIONARY + "#" + CommonColumns.PERSON_KEY, false);
      StructType dataSchema = new StructType();
      List<Integer> ordinals = new ArrayList<>();
      int periodOrdinal = -1;
      int provinceOrdinal = -1;
      StructField[] fields = dataset.schema().fields();
      for (int i = 0; i < fields.length; i++) {
        String name = fields[i].name();
        int ordinal = Envelope.FIRST_TABLE_COLUMN + i;
        if (dataset.monthly() && name.equals(CommonColumns.PERIOD)) {
          periodOrdinal = ordinal;
          continue;
        }
        if (dataset.monthly() && name.equals(CommonColumns.PROVINCE_CODE)) {
          provinceOrdinal = ordinal;
        }
        dataSchema = dataSchema.add(fields[i]);
        ordinals.add(
            switch (name) {
              case CommonColumns.SOURCE_FILE -> TableRow.SOURCE_FILE;
              case CommonColumns.RUN_ID -> TableRow.RUN_ID;
              default -> ordinal;
            });
      }
      OutputWriterFactory factory =
          new ParquetFileFormat()
              .prepareWrite(spark, job, ScalaCollections.map(Map.of()), dataSchema);
      return new Spec(
          factory,
          settingsAdded(hadoop, job.getConfiguration()),
          tableUri,
          dataSchema,
          ordinals.stream().mapToInt(Integer::intValue).toArray(),
          periodOrdinal,
          provinceOrdinal,
          run,
          maxRowsPerFile);
    } catch (IOException e) {
      throw new PipelineException("cannot prepare the Parquet writer: " + e.getMessage(), e);
    }
  }

  /** The entries of {@code written} that {@code base} does not have with the same value. */
  private static Map<String, String> settingsAdded(Configuration base, Configuration written) {
    Map<String, String> added = new TreeMap<>();
    for (Map.Entry<String, String> entry : written) {
      if (!entry.getValue().equals(base.getRaw(entry.getKey()))) {
        added.put(entry.getKey(), entry.getValue());
      }
    }
    return added;
  }

  private final Spec spec;
  private final Configuration conf;
  private final TaskAttemptContext context;
  private final String filePrefix;
  private final TableRow view;
  private final Map<String, Open> open = new LinkedHashMap<>();
  private final List<Written> written = new ArrayList<>();
  private int landingFile;
  private boolean ownFiles;
  private int sequence;

  /**
   * @param hadoop the task's Hadoop configuration (the driver's), which the spec's write settings
   *     are applied over, in a copy
   */
  TableFileWriter(Spec spec, Configuration hadoop, int taskPartition, int attempt) {
    this.spec = spec;
    this.conf = new Configuration(hadoop);
    spec.writeSettings().forEach(conf::set);
    this.context =
        new TaskAttemptContextImpl(
            conf, new TaskAttemptID("bhxh-ingest", 0, TaskType.MAP, taskPartition, attempt));
    this.filePrefix = String.format(Locale.ROOT, "part-%05d-%s", taskPartition, UUID.randomUUID());
    this.view = new TableRow(spec.ordinals(), spec.runId());
  }

  /**
   * The rows that follow are those of a landing file (its batch index and path). A range of a file
   * read in parts ({@code ownFiles}) gets data files of its own: the ones open are finished first,
   * and finished again when the next landing file starts.
   */
  void startFile(int index, String path, boolean ownFiles) {
    if (ownFiles || this.ownFiles) {
      finishAll();
    }
    this.landingFile = index;
    this.ownFiles = ownFiles;
    view.sourceFile(path);
  }

  /** Writes an accepted envelope row of the current landing file. */
  void write(InternalRow row) {
    String period =
        spec.periodOrdinal() < 0 ? null : row.getUTF8String(spec.periodOrdinal()).toString();
    Open file = open.get(period);
    if (file != null && file.rows >= spec.maxRowsPerFile()) {
      written.add(file.finish());
      file = null;
    }
    if (file == null) {
      file = new Open(period);
      open.put(period, file);
    }
    file.write(row);
  }

  /** Finishes every file; returns all the files this task wrote. */
  List<Written> finish() {
    finishAll();
    return written;
  }

  /** After a failure: closes what is open and deletes every file written (best effort). */
  void abort() {
    List<Path> paths = new ArrayList<>();
    for (Open file : open.values()) {
      paths.add(file.path);
      try {
        file.writer.close();
      } catch (RuntimeException e) {
        // the file is deleted below; its writer's state no longer matters
      }
    }
    open.clear();
    for (Written file : written) {
      paths.add(new Path(spec.tableUri(), file.path()));
    }
    for (Path path : paths) {
      try {
        path.getFileSystem(conf).delete(path, false);
      } catch (IOException e) {
        // an uncommitted file is not part of the table; a vacuum removes what is left
      }
    }
  }

  private void finishAll() {
    for (Open file : open.values()) {
      written.add(file.finish());
    }
    open.clear();
  }

  /** A data file being written. */
  private final class Open {
    private final String period;
    private final String relative;
    private final Path path;
    private final OutputWriter writer;
    private final TreeSet<Integer> files = new TreeSet<>();
    private long rows;
    private UTF8String provinceMin;
    private UTF8String provinceMax;

    Open(String period) {
      this.period = period;
      String name = filePrefix + String.format(Locale.ROOT, ".c%03d", sequence++);
      String directory =
          period == null
              ? ""
              : ExternalCatalogUtils.escapePathName(CommonColumns.PERIOD)
                  + "="
                  + ExternalCatalogUtils.escapePathName(period)
                  + "/";
      this.relative = directory + name + spec.factory().getFileExtension(context);
      this.path = new Path(spec.tableUri(), relative);
      this.writer = spec.factory().newInstance(path.toString(), spec.dataSchema(), context);
    }

    void write(InternalRow row) {
      files.add(landingFile);
      writer.write(view.of(row));
      rows++;
      if (spec.provinceOrdinal() >= 0 && !row.isNullAt(spec.provinceOrdinal())) {
        UTF8String province = row.getUTF8String(spec.provinceOrdinal());
        if (provinceMin == null || province.compareTo(provinceMin) < 0) {
          provinceMin = province.clone();
        }
        if (provinceMax == null || province.compareTo(provinceMax) > 0) {
          provinceMax = province.clone();
        }
      }
    }

    Written finish() {
      writer.close();
      try {
        FileSystem fs = path.getFileSystem(conf);
        FileStatus status = fs.getFileStatus(path);
        return new Written(
            relative,
            period,
            status.getLen(),
            status.getModificationTime(),
            rows,
            provinceMin == null ? null : provinceMin.toString(),
            provinceMax == null ? null : provinceMax.toString(),
            List.copyOf(files));
      } catch (IOException e) {
        throw new PipelineException("cannot read back " + path + ": " + e.getMessage(), e);
      }
    }
  }
}
