package vn.bhxh.pipeline.jobs.ingest;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.CalendarInterval;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The columns of a Parquet data file seen through an accepted {@link Envelope} row, without copying
 * it: column {@code i} is the envelope's field {@code ordinals[i]}, or one of the two lineage
 * constants, the same for every row of a landing file ({@link #SOURCE_FILE}, {@link #RUN_ID}). The
 * Parquet writer reads a row through these getters once, before the next row replaces it.
 */
final class TableRow extends InternalRow {
  private static final long serialVersionUID = 1L;

  /** An ordinal standing for {@code source_file}. */
  static final int SOURCE_FILE = -1;

  /** An ordinal standing for {@code run_id}. */
  static final int RUN_ID = -2;

  private final int[] ordinals;
  private final UTF8String runId;
  private UTF8String sourceFile;
  private InternalRow envelope;

  TableRow(int[] ordinals, String runId) {
    this.ordinals = ordinals.clone();
    this.runId = UTF8String.fromString(runId);
  }

  /** Points the view at the rows of another landing file. */
  void sourceFile(String path) {
    this.sourceFile = UTF8String.fromString(path);
  }

  /** Points the view at a row; returns the view. */
  TableRow of(InternalRow row) {
    this.envelope = row;
    return this;
  }

  @Override
  public int numFields() {
    return ordinals.length;
  }

  @Override
  public boolean isNullAt(int i) {
    int ordinal = ordinals[i];
    return ordinal >= 0 ? envelope.isNullAt(ordinal) : constant(ordinal) == null;
  }

  @Override
  public UTF8String getUTF8String(int i) {
    int ordinal = ordinals[i];
    return ordinal >= 0 ? envelope.getUTF8String(ordinal) : constant(ordinal);
  }

  @Override
  public Object get(int i, DataType type) {
    int ordinal = ordinals[i];
    return ordinal >= 0 ? envelope.get(ordinal, type) : constant(ordinal);
  }

  private UTF8String constant(int ordinal) {
    return ordinal == SOURCE_FILE ? sourceFile : runId;
  }

  @Override
  public boolean getBoolean(int i) {
    return envelope.getBoolean(ordinals[i]);
  }

  @Override
  public byte getByte(int i) {
    return envelope.getByte(ordinals[i]);
  }

  @Override
  public short getShort(int i) {
    return envelope.getShort(ordinals[i]);
  }

  @Override
  public int getInt(int i) {
    return envelope.getInt(ordinals[i]);
  }

  @Override
  public long getLong(int i) {
    return envelope.getLong(ordinals[i]);
  }

  @Override
  public float getFloat(int i) {
    return envelope.getFloat(ordinals[i]);
  }

  @Override
  public double getDouble(int i) {
    return envelope.getDouble(ordinals[i]);
  }

  @Override
  public Decimal getDecimal(int i, int precision, int scale) {
    return envelope.getDecimal(ordinals[i], precision, scale);
  }

  @Override
  public byte[] getBinary(int i) {
    return envelope.getBinary(ordinals[i]);
  }

  @Override
  public CalendarInterval getInterval(int i) {
    return envelope.getInterval(ordinals[i]);
  }

  @Override
  public InternalRow getStruct(int i, int fields) {
    return envelope.getStruct(ordinals[i], fields);
  }

  @Override
  public ArrayData getArray(int i) {
    return envelope.getArray(ordinals[i]);
  }

  @Override
  public MapData getMap(int i) {
    return envelope.getMap(ordinals[i]);
  }

  @Override
  public void setNullAt(int i) {
    throw new UnsupportedOperationException("a read-only view");
  }

  @Override
  public void update(int i, Object value) {
    throw new UnsupportedOperationException("a read-only view");
  }

  @Override
  public InternalRow copy() {
    InternalRow copied = envelope.copy();
    Object[] values = new Object[ordinals.length];
    for (int i = 0; i < values.length; i++) {
      int ordinal = ordinals[i];
      values[i] =
          ordinal >= 0 ? ((GenericInternalRow) copied).genericGet(ordinal) : constant(ordinal);
    }
    return new GenericInternalRow(values);
  }
}
