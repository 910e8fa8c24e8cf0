package vn.bhxh.pipeline.common.indicators;

import java.util.HashMap;
import java.util.Map;

/**
 * The keys (persons, payers) of one task of a distinct roll-up, each with the source province it
 * was seen in and a 64-bit value merged over its rows: for a month, the mask of the distinct
 * measures the key passes (merged by OR); for a year, the first month of each measure (merged
 * nibble by nibble, see {@link Merge#NIBBLE_MIN}).
 *
 * <p>A key seen in one source province, nearly every key, is one slot of an open-addressing table
 * of primitive arrays (about 25 bytes a key, no object per key). A key seen in a second province
 * becomes shared: its value per province moves to a small map, because a territory that holds only
 * some of its provinces must merge only theirs.
 *
 * <p>Keys are grouped ({@code group} is the month or the year): the same key in two groups is two
 * entries.
 */
final class KeyTable {
  /** How two values of the same key and province merge. */
  enum Merge {
    /** Masks of the measures passed: a bit set in any row is set. */
    OR,
    /**
     * Sixteen 4-bit fields, each a month of the year (1–12) or 15 for none: the least of each
     * field, so a measure's first month.
     */
    NIBBLE_MIN;

    long apply(long left, long right) {
      if (this == OR) {
        return left | right;
      }
      long merged = 0;
      for (int shift = 0; shift < 64; shift += 4) {
        long a = (left >>> shift) & 0xF;
        long b = (right >>> shift) & 0xF;
        merged |= Math.min(a, b) << shift;
      }
      return merged;
    }
  }

  /** Receives a shared key's value in one of its source provinces. */
  interface SharedVisitor {
    void visit(int group, int source, long key, long value);
  }

  /** Receives how many single-province keys of a group and province have one value. */
  interface CountVisitor {
    void visit(int group, int source, long value, long keys);
  }

  private static final int INITIAL_SLOTS = 1 << 14;
  private static final byte EMPTY = 0;
  private static final byte SINGLE = 1;
  private static final byte SHARED = 2;

  private final Merge merge;
  private long[] keys = new long[INITIAL_SLOTS];
  private int[] groups = new int[INITIAL_SLOTS];
  private int[] sources = new int[INITIAL_SLOTS];
  private long[] values = new long[INITIAL_SLOTS];
  private byte[] states = new byte[INITIAL_SLOTS];
  private int size;
  private final Map<SharedSlot, Long> shared = new HashMap<>();

  KeyTable(Merge merge) {
    this.merge = merge;
  }

  /** A row of the key in a source province. */
  void add(int group, long key, int source, long value) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int slot = slotOf(group, key, mask); ; slot = (slot + 1) & mask) {
      byte state = states[slot];
      if (state == EMPTY) {
        keys[slot] = key;
        groups[slot] = group;
        sources[slot] = source;
        values[slot] = value;
        states[slot] = SINGLE;
        size++;
        return;
      }
      if (keys[slot] == key && groups[slot] == group) {
        if (state == SINGLE && sources[slot] == source) {
          values[slot] = merge.apply(values[slot], value);
        } else {
          if (state == SINGLE) {
            shared.put(new SharedSlot(group, key, sources[slot]), values[slot]);
            states[slot] = SHARED;
          }
          shared.merge(new SharedSlot(group, key, source), value, merge::apply);
        }
        return;
      }
    }
  }

  /** The keys seen in one province only, counted per (group, province, value). */
  void countSingles(CountVisitor visitor) {
    ValueCounts counts = new ValueCounts();
    for (int slot = 0; slot < states.length; slot++) {
      if (states[slot] == SINGLE) {
        counts.add(groups[slot], sources[slot], values[slot]);
      }
    }
    counts.forEach(visitor);
  }

  /** Every shared key, once per province it was seen in, with its value there. */
  void forEachShared(SharedVisitor visitor) {
    shared.forEach((slot, value) -> visitor.visit(slot.group(), slot.source(), slot.key(), value));
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldGroups = groups;
    int[] oldSources = sources;
    long[] oldValues = values;
    byte[] oldStates = states;
    int slots = oldKeys.length * 2;
    keys = new long[slots];
    groups = new int[slots];
    sources = new int[slots];
    values = new long[slots];
    states = new byte[slots];
    int mask = slots - 1;
    for (int old = 0; old < oldKeys.length; old++) {
      if (oldStates[old] == EMPTY) {
        continue;
      }
      int slot = slotOf(oldGroups[old], oldKeys[old], mask);
      while (states[slot] != EMPTY) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = oldKeys[old];
      groups[slot] = oldGroups[old];
      sources[slot] = oldSources[old];
      values[slot] = oldValues[old];
      states[slot] = oldStates[old];
    }
  }

  private static int slotOf(int group, long key, int mask) {
    long h = key ^ (group * 0x9E3779B97F4A7C15L);
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return (int) h & mask;
  }

  private record SharedSlot(int group, long key, int source) {}

  /**
   * Key counts per (group, source, value): a few hundred entries for a table of a million keys, in
   * an open-addressing table of their own (three longs an entry: group and source packed, value,
   * keys), counted without an object per key.
   */
  private static final class ValueCounts {
    private static final int INITIAL = 1 << 10;

    /** Per entry: group and source, value, keys (0 for an empty entry). */
    private long[] entries = new long[INITIAL * 3];

    private int size;

    void add(int group, int source, long value) {
      if (2 * (size + 1) > entries.length / 3) {
        grow();
      }
      long place = ((long) group << 32) | (source & 0xFFFFFFFFL);
      int at = find(entries, place, value);
      if (entries[at + 2] == 0) {
        entries[at] = place;
        entries[at + 1] = value;
        size++;
      }
      entries[at + 2]++;
    }

    void forEach(CountVisitor visitor) {
      for (int at = 0; at < entries.length; at += 3) {
        if (entries[at + 2] > 0) {
          visitor.visit(
              (int) (entries[at] >> 32), (int) entries[at], entries[at + 1], entries[at + 2]);
        }
      }
    }

    /** Where (place, value) is, or the empty entry where it goes. */
    private static int find(long[] entries, long place, long value) {
      int mask = entries.length / 3 - 1;
      for (int i = slotOf((int) (place >> 32), place * 31 + value, mask); ; i = (i + 1) & mask) {
        int at = i * 3;
        if (entries[at + 2] == 0 || (entries[at] == place && entries[at + 1] == value)) {
          return at;
        }
      }
    }

    private void grow() {
      long[] old = entries;
      entries = new long[old.length * 2];
      for (int from = 0; from < old.length; from += 3) {
        if (old[from + 2] > 0) {
          System.arraycopy(old, from, entries, find(entries, old[from], old[from + 1]), 3);
        }
      }
    }
  }
}
