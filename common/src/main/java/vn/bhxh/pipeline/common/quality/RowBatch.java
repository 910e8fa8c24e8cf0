package vn.bhxh.pipeline.common.quality;

import java.util.Arrays;

/**
 * A few consecutive rows of one landing file, validated together by {@link
 * RowValidator#validate(RowBatch)}: in file order and with the same verdicts as one by one. After
 * validation each row has its verdict and, when it has a duplicate key, that key's fingerprint
 * ({@link KeySet#high}, {@link KeySet#low}). (A range of a cut file hands on its keys from the
 * validator's key set at its end: {@link RowValidator#acceptedKeyHalves}.)
 */
public final class RowBatch {
  private final LandingRecord[] records;
  private final RowResult[] results;
  private final boolean[] keyed;
  private final long[] highs;
  private final long[] lows;
  private int size;

  public RowBatch(int capacity) {
    records = new LandingRecord[capacity];
    results = new RowResult[capacity];
    keyed = new boolean[capacity];
    highs = new long[capacity];
    lows = new long[capacity];
  }

  /** Empties the batch for the next rows. */
  public void clear() {
    Arrays.fill(records, 0, size, null);
    Arrays.fill(results, 0, size, null);
    size = 0;
  }

  /** Appends a row, not yet validated. */
  public void add(LandingRecord record) {
    if (isFull()) {
      throw new IllegalStateException("the batch holds " + records.length + " rows at most");
    }
    records[size] = record;
    results[size] = null;
    keyed[size] = false;
    size++;
  }

  public boolean isFull() {
    return size == records.length;
  }

  public int size() {
    return size;
  }

  public LandingRecord record(int row) {
    return records[row];
  }

  /** The row's verdict, once the batch is validated. */
  public RowResult result(int row) {
    return results[row];
  }

  /** Whether the row has a duplicate key (and so a fingerprint). */
  public boolean keyed(int row) {
    return keyed[row];
  }

  /** The high half of the row's key's fingerprint; meaningful only when {@link #keyed}. */
  public long high(int row) {
    return highs[row];
  }

  /** The low half of the row's key's fingerprint; meaningful only when {@link #keyed}. */
  public long low(int row) {
    return lows[row];
  }

  void key(int row, String key) {
    keyed[row] = true;
    highs[row] = KeySet.high(key);
    lows[row] = KeySet.low(key);
  }

  void result(int row, RowResult result) {
    results[row] = result;
  }
}
