package vn.bhxh.pipeline.common.catalog;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.error.PipelineException;

/**
 * Reads a small Delta table (the bookkeeping tables {@code runs} and {@code ingest_log}: a few
 * thousand rows) on the driver with Delta Kernel, without a Spark job. In a fresh JVM the first
 * read through Spark costs seconds of planning, code generation and log replay; this is what a
 * quiet {@code nightly} is made of, so it reads here (docs/nightly.md).
 *
 * <p>It returns Spark {@link Row}s with the asked schema, so callers read them as they would a
 * {@code collectAsList()}: strings, ints, longs, doubles, booleans, timestamps ({@link Timestamp})
 * and string-to-string maps. A column the table does not have (yet) reads as null. The table's
 * current snapshot is read in full, deletion vectors applied; only files that an equality filter
 * rules out by their statistics are skipped.
 */
public final class DriverTableReader {
  private final Engine engine;

  private DriverTableReader(Engine engine) {
    this.engine = engine;
  }

  /**
   * A reader through the file systems of this Hadoop configuration (local, HDFS, object stores).
   */
  public static DriverTableReader of(Configuration hadoop) {
    return new DriverTableReader(DefaultEngine.create(hadoop));
  }

  /**
   * The rows of the table at {@code path} with these columns; with {@code equalTo} (column of
   * {@code columns} to string value), files whose statistics rule a row out are skipped, and the
   * rows that do not match are dropped. Empty when there is no table at the path.
   */
  public List<Row> read(String path, StructType columns, Map<String, String> equalTo) {
    for (String column : equalTo.keySet()) {
      if (!List.of(columns.fieldNames()).contains(column)) {
        throw new IllegalArgumentException("filter column " + column + " is not read");
      }
    }
    Snapshot snapshot;
    try {
      snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
    } catch (TableNotFoundException e) {
      return List.of();
    }
    io.delta.kernel.types.StructType tableSchema = snapshot.getSchema(engine);
    List<String> present = new ArrayList<>();
    io.delta.kernel.types.StructType readSchema = new io.delta.kernel.types.StructType();
    for (StructField field : columns.fields()) {
      if (tableSchema.indexOf(field.name()) >= 0) {
        present.add(field.name());
        readSchema = readSchema.add(tableSchema.get(field.name()));
      }
    }
    var builder = snapshot.getScanBuilder(engine).withReadSchema(engine, readSchema);
    Optional<Predicate> filter = filter(equalTo, tableSchema);
    if (filter.isPresent()) {
      builder = builder.withFilter(engine, filter.get());
    }
    Scan scan = builder.build();
    List<Row> rows = new ArrayList<>();
    try {
      io.delta.kernel.data.Row state = scan.getScanState(engine);
      io.delta.kernel.types.StructType physical =
          ScanStateRow.getPhysicalDataReadSchema(engine, state);
      try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
        while (files.hasNext()) {
          try (CloseableIterator<io.delta.kernel.data.Row> scanFiles = files.next().getRows()) {
            while (scanFiles.hasNext()) {
              io.delta.kernel.data.Row scanFile = scanFiles.next();
              FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
              CloseableIterator<ColumnarBatch> data =
                  engine
                      .getParquetHandler()
                      .readParquetFiles(
                          Utils.singletonCloseableIterator(file), physical, Optional.empty());
              try (CloseableIterator<FilteredColumnarBatch> batches =
                  Scan.transformPhysicalData(engine, state, scanFile, data)) {
                while (batches.hasNext()) {
                  collect(batches.next(), columns, present, equalTo, rows);
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Delta table at " + path, e);
    }
    return rows;
  }

  /**
   * The distinct values of a partition column of the table at {@code path}, from its Delta log (the
   * partition values of its current files; no data file is opened), sorted; empty when there is no
   * table at the path. A file whose value is null is left out.
   *
   * @throws NotPartitionedException when the table is not partitioned by {@code column}
   */
  public SortedSet<String> partitionValues(String path, String column) {
    Snapshot snapshot;
    try {
      snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
    } catch (TableNotFoundException e) {
      return new TreeSet<>();
    }
    if (!snapshot.getPartitionColumnNames(engine).contains(column)) {
      throw new NotPartitionedException(
          "the table at " + path + " is not partitioned by " + column);
    }
    SortedSet<String> values = new TreeSet<>();
    forEachScanFile(
        snapshot,
        path,
        scanFile -> {
          String value = InternalScanFileUtils.getPartitionValues(scanFile).get(column);
          if (value != null) {
            values.add(value);
          }
        });
    return values;
  }

  /**
   * The data files of the current snapshot of the table at {@code path}, from its Delta log alone
   * (no data file is opened); empty when there is no table at the path.
   */
  public Optional<TableFiles> files(String path) {
    Snapshot snapshot;
    try {
      snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
    } catch (TableNotFoundException e) {
      return Optional.empty();
    }
    List<DataFile> files = new ArrayList<>();
    forEachScanFile(
        snapshot,
        path,
        scanFile -> {
          FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
          files.add(
              new DataFile(
                  status.getPath(),
                  Collections.unmodifiableMap(
                      new HashMap<>(InternalScanFileUtils.getPartitionValues(scanFile))),
                  status.getSize(),
                  status.getModificationTime(),
                  InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile) != null));
        });
    return Optional.of(new TableFiles(snapshot.getVersion(engine), List.copyOf(files)));
  }

  /** Every file of the snapshot, from its Delta log (no data file is opened). */
  private void forEachScanFile(
      Snapshot snapshot, String path, Consumer<io.delta.kernel.data.Row> action) {
    Scan scan = snapshot.getScanBuilder(engine).build();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (CloseableIterator<io.delta.kernel.data.Row> scanFiles = batches.next().getRows()) {
          while (scanFiles.hasNext()) {
            action.accept(scanFiles.next());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Delta log of the table at " + path, e);
    }
  }

  /** The data files of one version of a table. */
  public record TableFiles(long version, List<DataFile> files) {}

  /**
   * A data file of a table: its absolute path, partition values, size, modification time, and
   * whether some of its rows are deleted by a deletion vector.
   */
  public record DataFile(
      String path,
      Map<String, String> partitionValues,
      long size,
      long modificationTime,
      boolean deletionVector) {}

  /** The rows of a batch that its selection vector keeps and that match {@code equalTo}. */
  private static void collect(
      FilteredColumnarBatch batch,
      StructType columns,
      List<String> present,
      Map<String, String> equalTo,
      List<Row> into) {
    ColumnarBatch data = batch.getData();
    Optional<ColumnVector> selected = batch.getSelectionVector();
    int size = data.getSize();
    ColumnVector[] vectors = new ColumnVector[columns.fields().length];
    for (int c = 0; c < vectors.length; c++) {
      int at = present.indexOf(columns.fields()[c].name());
      vectors[c] = at < 0 ? null : data.getColumnVector(at);
    }
    for (int r = 0; r < size; r++) {
      if (selected.isPresent() && (selected.get().isNullAt(r) || !selected.get().getBoolean(r))) {
        continue;
      }
      Object[] values = new Object[vectors.length];
      boolean matches = true;
      for (int c = 0; c < vectors.length; c++) {
        StructField field = columns.fields()[c];
        values[c] = vectors[c] == null ? null : value(vectors[c], r, field);
        String wanted = equalTo.get(field.name());
        if (wanted != null && !wanted.equals(values[c])) {
          matches = false;
        }
      }
      if (matches) {
        into.add(new GenericRowWithSchema(values, columns));
      }
    }
  }

  private static Object value(ColumnVector vector, int row, StructField field) {
    if (vector.isNullAt(row)) {
      return null;
    }
    DataType type = field.dataType();
    if (type.equals(DataTypes.StringType)) {
      return vector.getString(row);
    } else if (type.equals(DataTypes.LongType)) {
      return vector.getLong(row);
    } else if (type.equals(DataTypes.IntegerType)) {
      return vector.getInt(row);
    } else if (type.equals(DataTypes.DoubleType)) {
      return vector.getDouble(row);
    } else if (type.equals(DataTypes.BooleanType)) {
      return vector.getBoolean(row);
    } else if (type.equals(DataTypes.TimestampType)) {
      // Microseconds since the epoch, UTC: the same instant Spark would return.
      return Timestamp.from(Instant.EPOCH.plus(vector.getLong(row), ChronoUnit.MICROS));
    } else if (type instanceof MapType map
        && map.keyType().equals(DataTypes.StringType)
        && map.valueType().equals(DataTypes.StringType)) {
      MapValue value = vector.getMap(row);
      Map<String, String> entries = new LinkedHashMap<>();
      for (int i = 0; i < value.getSize(); i++) {
        entries.put(
            value.getKeys().getString(i),
            value.getValues().isNullAt(i) ? null : value.getValues().getString(i));
      }
      // What a collected Spark row holds for a map: a Scala map (Row.getJavaMap converts it).
      return JavaConverters.mapAsScalaMap(entries);
    }
    throw new PipelineException(
        "DriverTableReader cannot read column " + field.name() + " of type " + type.simpleString());
  }

  /** Equality on string columns, for file skipping; columns the table lacks are left out. */
  private static Optional<Predicate> filter(
      Map<String, String> equalTo, io.delta.kernel.types.StructType tableSchema) {
    Predicate all = null;
    for (Map.Entry<String, String> entry : equalTo.entrySet()) {
      if (tableSchema.indexOf(entry.getKey()) < 0) {
        continue;
      }
      Predicate one =
          new Predicate("=", new Column(entry.getKey()), Literal.ofString(entry.getValue()));
      all = all == null ? one : new Predicate("AND", all, one);
    }
    return Optional.ofNullable(all);
  }

  /** A partition column asked of a table that is not partitioned by it. */
  public static final class NotPartitionedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NotPartitionedException(String message) {
      super(message);
    }
  }
}
