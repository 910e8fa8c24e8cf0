package vn.bhxh.pipeline.common.pseudo;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import vn.bhxh.pipeline.common.config.PipelineConfig.PseudonymisationSettings;
import vn.bhxh.pipeline.common.error.ConfigurationException;

/**
 * The secret key of the pseudonymisation HMAC: at least 32 bytes, written as hex. It comes from an
 * environment variable or a key file outside the repository; local runs may create the file on
 * first use, the cluster profile refuses to run without one. The key never appears in logs or error
 * messages.
 */
public final class HmacKey implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Minimum key length in bytes (the HMAC-SHA-256 block-size recommendation is ≥ 32). */
  public static final int MIN_BYTES = 32;

  private final byte[] bytes;

  HmacKey(byte[] bytes) {
    if (bytes.length < MIN_BYTES) {
      throw new ConfigurationException(
          "the pseudonymisation key is " + bytes.length + " bytes; at least " + MIN_BYTES);
    }
    this.bytes = bytes.clone();
  }

  /** A key from its hex text (for tests and tools). */
  public static HmacKey fromHex(String hex) {
    try {
      return new HmacKey(HexFormat.of().parseHex(hex.trim()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("the pseudonymisation key is not valid hex", e);
    }
  }

  /** Loads the key as configured, from the process environment. */
  public static HmacKey load(PseudonymisationSettings settings) {
    return load(settings, System.getenv());
  }

  /** Loads the key: the environment variable wins, then the key file (created if allowed). */
  public static HmacKey load(PseudonymisationSettings settings, Map<String, String> environment) {
    String fromEnvironment = environment.get(settings.keyEnv());
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      try {
        return fromHex(fromEnvironment);
      } catch (ConfigurationException e) {
        throw new ConfigurationException(
            "environment variable " + settings.keyEnv() + ": " + e.getMessage(), e);
      }
    }
    Path file = Path.of(settings.keyFile());
    try {
      if (Files.isRegularFile(file)) {
        return fromHex(Files.readString(file, StandardCharsets.US_ASCII));
      }
      if (!settings.createIfMissing()) {
        throw new ConfigurationException(
            "no pseudonymisation key: set "
                + settings.keyEnv()
                + " or create the key file "
                + file
                + " (this profile does not create keys)");
      }
      try {
        return create(file);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another run created it at the same moment: use that one
        return fromHex(Files.readString(file, StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot read or create the key file " + file + ": " + e.getMessage(), e);
    } catch (ConfigurationException e) {
      if (e.getMessage().startsWith("no pseudonymisation key")) {
        throw e;
      }
      throw new ConfigurationException("key file " + file + ": " + e.getMessage(), e);
    }
  }

  private static HmacKey create(Path file) throws IOException {
    byte[] bytes = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(bytes);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(
        file,
        HexFormat.of().formatHex(bytes) + "\n",
        StandardCharsets.US_ASCII,
        StandardOpenOption.CREATE_NEW);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the file keeps the default permissions
    }
    return new HmacKey(bytes);
  }

  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "HmacKey[hidden]";
  }
}
