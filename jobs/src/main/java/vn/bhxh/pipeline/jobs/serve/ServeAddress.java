package vn.bhxh.pipeline.jobs.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.bhxh.pipeline.common.error.ConfigurationException;

/**
 * Where the query server listens, checked before anything starts: a loopback address needs no
 * authentication (only this machine's users reach it); any other address is refused unless
 * HiveServer2 authentication is configured ({@code spark.hadoop.hive.server2.authentication} =
 * {@code LDAP}, {@code KERBEROS}, {@code PAM} or {@code CUSTOM}, with that mechanism's settings).
 */
public record ServeAddress(String host, int port) {
  /** The setting that chooses HiveServer2's authentication. */
  public static final String AUTHENTICATION = "spark.hadoop.hive.server2.authentication";

  /** HiveServer2 mechanisms that check a password or a ticket (NONE and NOSASL check nothing). */
  static final Set<String> AUTHENTICATING = Set.of("LDAP", "KERBEROS", "PAM", "CUSTOM");

  public ServeAddress {
    if (port < 0 || port > 65_535) {
      throw new ConfigurationException("--port must be 0 (any free port) to 65535, got " + port);
    }
  }

  /**
   * The address to bind, refused (exit 2) when the host does not resolve, or when it is not
   * loopback and {@code sparkSettings} configure no authentication.
   */
  public static ServeAddress of(String host, int port, Map<String, String> sparkSettings) {
    ServeAddress address = new ServeAddress(host, port);
    InetAddress resolved;
    try {
      resolved = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigurationException("--host " + host + " does not resolve");
    }
    String authentication =
        sparkSettings.getOrDefault(AUTHENTICATION, "NONE").strip().toUpperCase(Locale.ROOT);
    if (!resolved.isLoopbackAddress() && !AUTHENTICATING.contains(authentication)) {
      throw new ConfigurationException(
          "--host "
              + host
              + " is not a loopback address: other machines could connect, so set "
              + AUTHENTICATION
              + " to LDAP, KERBEROS, PAM or CUSTOM (see docs/serve.md), or serve on 127.0.0.1");
    }
    return address;
  }

  /** The JDBC URL clients connect to (database {@code default}, where the tables are). */
  public String jdbcUrl(int boundPort) {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:hive2://" + shown + ":" + boundPort + "/default";
  }
}
