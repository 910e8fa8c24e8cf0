package vn.bhxh.pipeline.common.pseudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.config.PipelineConfig.PseudonymisationSettings;
import vn.bhxh.pipeline.common.error.ConfigurationException;

class PseudonymizerTest {
  private static final String KEY_HEX = "00112233445566778899aabbccddeeff".repeat(2);

  @TempDir Path dir;

  @Test
  void keyIsTheFirst64BitsOfHmacSha256() throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(java.util.HexFormat.of().parseHex(KEY_HEX), "HmacSHA256"));
    long expected =
        ByteBuffer.wrap(mac.doFinal("0123456789".getBytes(StandardCharsets.UTF_8))).getLong();

    Pseudonymizer pseudonymizer = new Pseudonymizer(HmacKey.fromHex(KEY_HEX));

    assertThat(pseudonymizer.key("0123456789")).isEqualTo(expected);
    assertThat(pseudonymizer.key(" 0123456789 ")).isEqualTo(expected);
    assertThat(pseudonymizer.key("0123456788")).isNotEqualTo(expected);
  }

  @Test
  void everyKeyAndIdLengthGivesTheHmacOfJavaxCrypto() throws GeneralSecurityException {
    // keys of one block and less, exactly one block, and longer (hashed first, RFC 2104); IDs
    // from empty to three blocks, non-ASCII and padded ones, each keyed twice in another order
    // and more of them than the instance remembers, so that remembered slots are overwritten
    java.util.Random random = new java.util.Random(7);
    for (int keyBytes : new int[] {32, 63, 64, 65, 100}) {
      byte[] key = new byte[keyBytes];
      random.nextBytes(key);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      Pseudonymizer pseudonymizer = new Pseudonymizer(new HmacKey(key));
      java.util.List<String> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        StringBuilder id = new StringBuilder();
        int length = i < 200 ? i : random.nextInt(14);
        for (int c = 0; c < length; c++) {
          id.append(
              i % 7 == 0
                  ? "0123456789ĐƯơ".charAt(random.nextInt(13))
                  : (char) ('0' + random.nextInt(10)));
        }
        ids.add(i % 5 == 0 ? " " + id + "\t" : id.toString());
      }
      java.util.List<String> again = new java.util.ArrayList<>(ids);
      java.util.Collections.shuffle(again, random);
      ids.addAll(again);
      for (String id : ids) {
        long expected =
            ByteBuffer.wrap(mac.doFinal(id.trim().getBytes(StandardCharsets.UTF_8))).getLong();
        assertThat(pseudonymizer.key(new String(id)))
            .as("key of %d bytes", keyBytes)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void anotherKeyGivesAnotherPseudonym() {
    long a = new Pseudonymizer(HmacKey.fromHex(KEY_HEX)).key("079123456789");
    long b = new Pseudonymizer(HmacKey.fromHex("ff" + KEY_HEX.substring(2))).key("079123456789");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void theEnvironmentVariableWinsOverTheFile() throws IOException {
    Path file = dir.resolve("hmac.key");
    Files.writeString(file, "ab".repeat(32));
    PseudonymisationSettings settings = new PseudonymisationSettings("KEY", file.toString(), false);

    HmacKey fromEnvironment = HmacKey.load(settings, Map.of("KEY", KEY_HEX));
    HmacKey fromFile = HmacKey.load(settings, Map.of());

    assertThat(new Pseudonymizer(fromEnvironment).key("1"))
        .isEqualTo(new Pseudonymizer(HmacKey.fromHex(KEY_HEX)).key("1"));
    assertThat(new Pseudonymizer(fromFile).key("1"))
        .isEqualTo(new Pseudonymizer(HmacKey.fromHex("ab".repeat(32))).key("1"));
  }

  @Test
  void aLocalRunCreatesAKeyOnceAndReusesIt() throws IOException {
    Path file = dir.resolve("nested/hmac.key");
    PseudonymisationSettings settings = new PseudonymisationSettings("KEY", file.toString(), true);

    long first = new Pseudonymizer(HmacKey.load(settings, Map.of())).key("0123456789");
    long second = new Pseudonymizer(HmacKey.load(settings, Map.of())).key("0123456789");

    assertThat(Files.readString(file).trim()).hasSize(64);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aClusterProfileRefusesToRunWithoutAKey() {
    Path file = dir.resolve("absent.key");
    PseudonymisationSettings settings = new PseudonymisationSettings("KEY", file.toString(), false);

    assertThatThrownBy(() -> HmacKey.load(settings, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no pseudonymisation key: set KEY or create the key file");
    assertThat(file).doesNotExist();
  }

  @Test
  void shortOrMalformedKeysAreRejectedWithoutEchoingThem() {
    PseudonymisationSettings settings = new PseudonymisationSettings("KEY", "/unused", false);
    assertThatThrownBy(() -> HmacKey.load(settings, Map.of("KEY", "abcd")))
        .hasMessageContaining("2 bytes; at least 32")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abcd"));
    assertThatThrownBy(() -> HmacKey.load(settings, Map.of("KEY", "zz" + KEY_HEX)))
        .hasMessageContaining("not valid hex")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_HEX));
    assertThat(HmacKey.fromHex(KEY_HEX).toString()).doesNotContain(KEY_HEX);
  }
}
