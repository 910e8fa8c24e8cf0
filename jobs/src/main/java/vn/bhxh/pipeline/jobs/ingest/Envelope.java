package vn.bhxh.pipeline.jobs.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import vn.bhxh.pipeline.common.schema.QuarantineColumns;

/**
 * The rows the file tasks of a batch yield, in Spark's internal format (no {@code Row} objects and
 * no encoder between the parser and the cache). The tasks write the accepted rows' Parquet files
 * themselves ({@link TableFileWriter}); what they yield, and the batch caches, is the rest: one row
 * per quarantined landing row, in the struct {@link #QUARANTINE}; one per file part, in the struct
 * {@link #OUTCOME}, with what the job needs to know of it (counts, where it ended, whether it was
 * rejected); one per Parquet file written, in the struct {@link #WRITTEN}; and, for each part of a
 * file read in several parts, one row with the 64-bit fingerprints of its accepted rows' duplicate
 * keys packed in {@link #KEYS}, so that the job can find a key accepted in two parts ({@link
 * RepeatedKeys}). One row a part rather than one an accepted row: 20 million small cached rows kept
 * the collector busy for a sixth of a large province's ingest.
 *
 * <p>Every row carries the index of its file in the batch and of its part in the file. Inside a
 * task, an accepted row also holds the table's columns after the cached ones ({@link
 * #FIRST_TABLE_COLUMN}); they go to the Parquet writer and are never cached.
 */
final class Envelope {
  static final String KIND = "_kind";
  static final String FILE = "_file";
  static final String PART = "_part";
  static final String KEYS = "_keys";
  static final String QUARANTINE = "_quarantine";
  static final String OUTCOME = "_outcome";
  static final String WRITTEN = "_written";

  static final byte ACCEPTED = 0;
  static final byte QUARANTINED = 1;
  static final byte PART_OUTCOME = 2;
  static final byte FILE_WRITTEN = 3;
  static final byte KEY_FINGERPRINTS = 4;

  /** Fields of {@link #OUTCOME}: what one file part yielded. */
  static final String ROWS_READ = "rows_read";

  static final String ROWS_ACCEPTED = "rows_accepted";
  static final String ROWS_QUARANTINED = "rows_quarantined";
  static final String REASON_COUNTS = "reason_counts";
  static final String LINE_FEEDS = "line_feeds";
  static final String QUOTES = "quotes";
  static final String PART_START = "part_start";
  static final String PART_END = "part_end";
  static final String REJECTION_MESSAGE = "rejection_message";
  static final String CHECKSUM = "checksum";
  static final String EXTRA_COLUMNS = "extra_columns";

  static final StructType OUTCOME_SCHEMA =
      new StructType()
          .add(ROWS_READ, DataTypes.LongType, false)
          .add(ROWS_ACCEPTED, DataTypes.LongType, false)
          .add(ROWS_QUARANTINED, DataTypes.LongType, false)
          .add(
              REASON_COUNTS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false),
              false)
          .add(LINE_FEEDS, DataTypes.LongType, false)
          .add(QUOTES, DataTypes.LongType, false)
          .add(PART_START, DataTypes.LongType, false)
          .add(PART_END, DataTypes.LongType, false)
          .add(REJECTION_MESSAGE, DataTypes.StringType, true)
          .add(CHECKSUM, DataTypes.StringType, true)
          .add(EXTRA_COLUMNS, DataTypes.createArrayType(DataTypes.StringType, false), true);

  /**
   * Fields of {@link #WRITTEN}: one Parquet file a task wrote ({@link TableFileWriter.Written}).
   */
  static final StructType WRITTEN_SCHEMA =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("period", DataTypes.StringType, true)
          .add("size", DataTypes.LongType, false)
          .add("modified", DataTypes.LongType, false)
          .add("rows", DataTypes.LongType, false)
          .add("province_min", DataTypes.StringType, true)
          .add("province_max", DataTypes.StringType, true)
          .add("files", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  static final int FILE_ORDINAL = 1;
  static final int PART_ORDINAL = 2;
  static final int KEYS_ORDINAL = 3;
  static final int QUARANTINE_ORDINAL = 4;
  static final int OUTCOME_ORDINAL = 5;
  static final int WRITTEN_ORDINAL = 6;

  /** Where the table's columns of an accepted row begin (inside a task; not in the schema). */
  static final int FIRST_TABLE_COLUMN = 7;

  /** The cached envelope: the marks, a part's key fingerprints and the three structs. */
  static final StructType SCHEMA =
      new StructType()
          .add(KIND, DataTypes.ByteType, false)
          .add(FILE, DataTypes.IntegerType, false)
          .add(PART, DataTypes.IntegerType, false)
          .add(KEYS, DataTypes.BinaryType, true)
          .add(QUARANTINE, QuarantineColumns.TABLE_SCHEMA, true)
          .add(OUTCOME, OUTCOME_SCHEMA, true)
          .add(WRITTEN, WRITTEN_SCHEMA, true);

  private Envelope() {}

  /** A new envelope row of a kind, its other fields null, with room for the table's columns. */
  static GenericInternalRow row(IngestDataset dataset, byte kind, int file, int part) {
    GenericInternalRow row = new GenericInternalRow(FIRST_TABLE_COLUMN + dataset.schema().size());
    row.setByte(0, kind);
    row.setInt(1, file);
    row.setInt(2, part);
    return row;
  }

  /** A value in Spark's internal form: strings as UTF-8, timestamps as microseconds. */
  static Object internal(Object value) {
    if (value == null
        || value instanceof Long
        || value instanceof Integer
        || value instanceof Double
        || value instanceof Boolean
        || value instanceof InternalRow
        || value instanceof ArrayData
        || value instanceof MapData) {
      return value;
    }
    if (value instanceof String text) {
      return UTF8String.fromString(text);
    }
    if (value instanceof Timestamp timestamp) {
      return DateTimeUtils.fromJavaTimestamp(timestamp);
    }
    throw new IllegalArgumentException("no internal form for " + value.getClass().getName());
  }

  static GenericArrayData stringArray(List<String> values) {
    Object[] items = new Object[values.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = UTF8String.fromString(values.get(i));
    }
    return new GenericArrayData(items);
  }

  static ArrayBasedMapData map(Map<String, ?> values) {
    Object[] keys = new Object[values.size()];
    Object[] items = new Object[values.size()];
    int i = 0;
    for (Map.Entry<String, ?> entry : values.entrySet()) {
      keys[i] = UTF8String.fromString(entry.getKey());
      items[i] = internal(entry.getValue());
      i++;
    }
    return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(items));
  }

  /** A string field of an envelope row or struct, or null. */
  static String string(InternalRow row, int ordinal) {
    return row.isNullAt(ordinal) ? null : row.getUTF8String(ordinal).toString();
  }

  /** The strings of an array made by {@link #stringArray}. */
  static List<String> strings(ArrayData values) {
    List<String> result = new ArrayList<>(values.numElements());
    for (int i = 0; i < values.numElements(); i++) {
      result.add(values.getUTF8String(i).toString());
    }
    return result;
  }

  /** The entries of a map of strings to longs made by {@link #map}, in its order. */
  static Map<String, Long> counts(MapData values) {
    Map<String, Long> result = new LinkedHashMap<>();
    for (int i = 0; i < values.numElements(); i++) {
      result.put(values.keyArray().getUTF8String(i).toString(), values.valueArray().getLong(i));
    }
    return result;
  }

  static GenericInternalRow struct(Object... values) {
    Object[] internal = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      internal[i] = internal(values[i]);
    }
    return new GenericInternalRow(internal);
  }
}
