import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A Neo4j Community test server for actorgraph's tests: Bolt on 127.0.0.1, authentication on.
 *
 * <p>Usage: java Launcher PORT USER PASSWORD. Prints "NEO4J READY bolt://127.0.0.1:PORT" once
 * the given user can log in, then serves until stdin closes (the parent is done or gone) or it
 * is terminated; either way the database folder is removed.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String user = args[1];
        String password = args[2];
        Path home = Files.createTempDirectory("actorgraph-neo4j-");
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(home)
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            neo4j.close();
            try {
                deleteTree(home);
            } catch (java.io.IOException e) {
                System.err.println("could not remove " + home + ": " + e);
            }
        }));
        var system = neo4j.databaseManagementService().database("system");
        if (user.equals("neo4j")) {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
        } else {
            system.executeTransactionally(
                    "CREATE USER " + user + " SET PASSWORD $p CHANGE NOT REQUIRED",
                    Map.of("p", password));
        }
        System.out.println("NEO4J READY " + neo4j.boltURI());
        System.out.flush();
        while (System.in.read() != -1) {
            // serve until the parent closes our stdin
        }
        // The database is throwaway: drop it and halt, rather than wait out Bolt's ten-second
        // graceful shutdown (SIGTERM, as from Ctrl+C, still shuts down cleanly).
        deleteTree(home);
        Runtime.getRuntime().halt(0);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
