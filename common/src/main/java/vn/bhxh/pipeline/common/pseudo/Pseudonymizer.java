package vn.bhxh.pipeline.common.pseudo;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
 * <p>Instances are serializable (they travel to executors with the key); the {@link Mac} is created
 * lazily per instance and is not thread-safe, so use one instance per task.
 */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] key;
  private transient Mac mac;

  public Pseudonymizer(HmacKey key) {
    this.key = key.bytes();
  }

  /** The 64-bit key of a raw ID (trimmed). */
  public long key(String rawId) {
    byte[] digest = mac().doFinal(rawId.trim().getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
  }

  /** A fresh copy for another thread. */
  public Pseudonymizer copy() {
    return new Pseudonymizer(new HmacKey(key));
  }

  private Mac mac() {
    if (mac == null) {
      try {
        mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(key, ALGORITHM));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
      }
    }
    return mac;
  }
}
