package vn.bhxh.pipeline.common.quality;

import java.nio.ByteBuffer;

/**
 * The duplicate keys a file's accepted rows have shown, held as 128-bit fingerprints in one
 * open-addressing table of longs: 16 bytes a key instead of a {@code String} in a {@code HashSet}
 * (about 100), and no tree bins when many keys share a {@code String.hashCode} bucket, which made
 * the set a visible share of a large province's ingest.
 *
 * <p>Two keys are taken for one when both 64-bit halves agree. The halves are two independent
 * hashes of the key's characters, each finished by a 64-bit avalanche, so for n keys in one file
 * the chance that any two distinct keys (not crafted to collide) are confused is about n²/2¹²⁹
 * (10⁻²⁴ for a file of 15 million rows). A file read in ranges also checks its ranges' accepted
 * keys against each other by their high halves ({@link #highHalves}), never the keys themselves.
 */
public final class KeySet {
  private static final long SEED_HIGH = 0x9E3779B97F4A7C15L;
  private static final long SEED_LOW = 0xC2B2AE3D27D4EB4FL;
  private static final int INITIAL_SLOTS = 1 << 12;

  // Slot i holds (table[2i], table[2i+1]); (0, 0) marks an empty slot, so a key whose fingerprint
  // is (0, 0) is remembered by a flag of its own.
  private long[] table = new long[2 * INITIAL_SLOTS];
  private int size;
  private boolean hasZero;
  // What touch() read, kept so that the compiler cannot drop the reads.
  private long touched;

  /**
   * Makes room for {@code keys} keys at once, so that a large file's set does not grow (and move
   * every key) a dozen times on the way.
   */
  public void expect(long keys) {
    long wanted =
        Long.highestOneBit(Math.max(INITIAL_SLOTS, Math.min(keys * 2, 1L << 28)) - 1) << 1;
    if (size == 0 && table.length / 2 < wanted) {
      table = new long[(int) (2 * wanted)];
    }
    while (table.length / 2 < wanted) {
      grow();
    }
  }

  /** Adds the key; returns false when it was already there. */
  public boolean add(String key) {
    return add(hash(key, SEED_HIGH), hash(key, SEED_LOW));
  }

  /**
   * Adds a key by its fingerprint ({@link #high}, {@link #low}), as computed elsewhere; returns
   * false when it was already there.
   */
  public boolean add(long high, long low) {
    if (high == 0 && low == 0) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    if (2 * (size + 1) > table.length / 2) {
      grow();
    }
    boolean added = insert(table, high, low);
    if (added) {
      size++;
    }
    return added;
  }

  /** Whether the key was added before. */
  public boolean contains(String key) {
    return contains(hash(key, SEED_HIGH), hash(key, SEED_LOW));
  }

  /** Whether a key of this fingerprint was added before. */
  public boolean contains(long high, long low) {
    if (high == 0 && low == 0) {
      return hasZero;
    }
    int mask = table.length / 2 - 1;
    for (int slot = (int) (high ^ (high >>> 32)) & mask; ; slot = (slot + 1) & mask) {
      long h = table[2 * slot];
      long l = table[2 * slot + 1];
      if (h == 0 && l == 0) {
        return false;
      }
      if (h == high && l == low) {
        return true;
      }
    }
  }

  /**
   * Reads the slot where a key of this fingerprint would go, and does nothing else with it: a
   * caller about to add or look up several keys touches their slots first, so that the processor
   * fetches them from memory together rather than one after the other.
   */
  public void touch(long high) {
    int mask = table.length / 2 - 1;
    touched ^= table[2 * ((int) (high ^ (high >>> 32)) & mask)];
  }

  private boolean insert(long[] into, long high, long low) {
    int mask = into.length / 2 - 1;
    for (int slot = (int) (high ^ (high >>> 32)) & mask; ; slot = (slot + 1) & mask) {
      long h = into[2 * slot];
      long l = into[2 * slot + 1];
      if (h == 0 && l == 0) {
        into[2 * slot] = high;
        into[2 * slot + 1] = low;
        return true;
      }
      if (h == high && l == low) {
        return false;
      }
    }
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0 || old[i + 1] != 0) {
        insert(table, old[i], old[i + 1]);
      }
    }
  }

  /** How many keys the set holds. */
  public int size() {
    return size + (hasZero ? 1 : 0);
  }

  /**
   * Every key's high half ({@link #high}), 8 bytes a key (big-endian), in no particular order: what
   * a range of a cut file hands on for the check across its ranges. Half a fingerprint is enough
   * there: two keys of a file that share it only make the file be read again whole, where the full
   * fingerprints decide.
   */
  public byte[] highHalves() {
    ByteBuffer out = ByteBuffer.allocate(size() * Long.BYTES);
    if (hasZero) {
      out.putLong(0);
    }
    for (int i = 0; i < table.length; i += 2) {
      if (table[i] != 0 || table[i + 1] != 0) {
        out.putLong(table[i]);
      }
    }
    return out.array();
  }

  /** The high half of a key's fingerprint (what two keys must share to be taken for one). */
  public static long high(String key) {
    return hash(key, SEED_HIGH);
  }

  /** The low half of a key's fingerprint. */
  public static long low(String key) {
    return hash(key, SEED_LOW);
  }

  private static long hash(String key, long seed) {
    long h = seed ^ key.length();
    for (int i = 0; i < key.length(); i++) {
      h = (h ^ key.charAt(i)) * 0x100000001B3L;
      h = Long.rotateLeft(h, 23) + seed;
    }
    return mix(h);
  }

  /** The 64-bit finaliser of MurmurHash3: every input bit affects every output bit. */
  private static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }
}
