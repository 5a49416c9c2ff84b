package network.mostro.server.store.jdbc.internal;

import java.sql.SQLException;

/** The SQL dialects the JDBC store speaks. Immutable. */
public enum Dialect {
    /** SQLite 3 (sqlite-jdbc), a single file in WAL mode. */
    SQLITE("sqlite", "rowid"),
    /** PostgreSQL 12 or later (pgjdbc). */
    POSTGRES("postgres", "ins_seq");

    private final String resourceDir;
    private final String insertionOrder;

    Dialect(String resourceDir, String insertionOrder) {
        this.resourceDir = resourceDir;
        this.insertionOrder = insertionOrder;
    }

    /** The folder of this dialect's migration scripts, relative to the jdbc package's resources. */
    String resourceDir() {
        return resourceDir;
    }

    /** The column that orders rows of the orders and disputes tables by insertion (ties of {@code created_at}). */
    String insertionOrder() {
        return insertionOrder;
    }

    /**
     * Whether a failed transaction may simply be run again: a PostgreSQL serialization failure or deadlock (the
     * other transaction went on), or SQLite busy/locked (another process held the file past the busy timeout).
     */
    boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (this == POSTGRES && ("40001".equals(state) || "40P01".equals(state))) {
                    return true;
                }
                if (this == SQLITE) {
                    int code = s.getErrorCode() & 0xff;
                    if (code == 5 || code == 6) { // SQLITE_BUSY, SQLITE_LOCKED
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
