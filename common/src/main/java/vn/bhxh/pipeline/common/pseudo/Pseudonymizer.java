package vn.bhxh.pipeline.common.pseudo;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Replaces a raw ID (social-insurance number, citizen ID, an individual payer's ID) by a keyed
 * hash: HMAC-SHA-256 under the agency's secret key, truncated to its first 64 bits and stored as a
 * {@code BIGINT}. Without the key the mapping can be neither computed nor inverted; with the same
 * key the same person gets the same key in every month and province.
 *
 * <p>Collision bound: for n distinct IDs the probability that any two share a key is at most
 * n²/2⁶⁵. For Vietnam's whole population (n ≈ 1.0 × 10⁸) that is ≈ 2.7 × 10⁻⁴ over the life of a
 * key; a collision would merge two persons in distinct counts (an error of one person).
 *
 * <p>The HMAC (RFC 2104) is computed from two SHA-256 states prepared once per instance, after the
 * key's inner and outer pad blocks, so an ID costs two SHA-256 blocks instead of the four a {@code
 * javax.crypto.Mac} hashes. The same bits: {@code PseudonymizerTest} checks them against {@code
 * Mac}. The last IDs keyed are remembered in a small table indexed by their hash (a person's rows
 * of a month stand together, an employer's ID recurs on its staff's rows), so a repeated ID is
 * compared, not hashed. The table lives in memory only, per instance.
 *
 * <p>Instances are serializable (they travel to executors with the key); the digests and the table
 * are created lazily per instance and are not thread-safe, so use one instance per task.
 */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int BLOCK_BYTES = 64;
  private static final int REMEMBERED = 1024;

  private final byte[] key;
  private transient MessageDigest innerStart;
  private transient MessageDigest outerStart;
  private transient int[] rememberedHashes;
  private transient String[] rememberedIds;
  private transient long[] rememberedKeys;

  public Pseudonymizer(HmacKey key) {
    this.key = key.bytes();
  }

  /** The 64-bit key of a raw ID (trimmed). */
  public long key(String rawId) {
    if (rememberedIds == null) {
      prepare();
    }
    int hash = rawId.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (REMEMBERED - 1);
    // The hashes first: they stay in the processor's cache, the remembered strings do not.
    if (rememberedHashes[slot] == hash && rawId.equals(rememberedIds[slot])) {
      return rememberedKeys[slot];
    }
    long keyed = hmac(rawId.trim().getBytes(StandardCharsets.UTF_8));
    rememberedHashes[slot] = hash;
    rememberedIds[slot] = rawId;
    rememberedKeys[slot] = keyed;
    return keyed;
  }

  /** A fresh copy for another thread. */
  public Pseudonymizer copy() {
    return new Pseudonymizer(new HmacKey(key));
  }

  private long hmac(byte[] message) {
    try {
      MessageDigest inner = (MessageDigest) innerStart.clone();
      inner.update(message);
      MessageDigest outer = (MessageDigest) outerStart.clone();
      outer.update(inner.digest());
      byte[] digest = outer.digest();
      long first = 0;
      for (int i = 0; i < Long.BYTES; i++) {
        first = (first << 8) | (digest[i] & 0xFF);
      }
      return first;
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JVM's SHA-256 cannot be copied", e);
    }
  }

  private void prepare() {
    try {
      byte[] block = new byte[BLOCK_BYTES];
      byte[] macKey = key.length > BLOCK_BYTES ? sha256().digest(key) : key;
      System.arraycopy(macKey, 0, block, 0, macKey.length);
      byte[] innerPad = new byte[BLOCK_BYTES];
      byte[] outerPad = new byte[BLOCK_BYTES];
      for (int i = 0; i < BLOCK_BYTES; i++) {
        innerPad[i] = (byte) (block[i] ^ 0x36);
        outerPad[i] = (byte) (block[i] ^ 0x5C);
      }
      innerStart = sha256();
      innerStart.update(innerPad);
      outerStart = sha256();
      outerStart.update(outerPad);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
    rememberedHashes = new int[REMEMBERED];
    rememberedIds = new String[REMEMBERED];
    rememberedKeys = new long[REMEMBERED];
  }

  private static MessageDigest sha256() throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256");
  }
}
