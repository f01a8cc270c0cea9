package dev.lockstep.engine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that remembers every SQL text it runs, in order: through {@link Statement#execute(String)}, and the
 * text of each prepared statement each time it executes. With a trace file, it also appends {@code SQL <n>} there
 * for the n-th text as it runs, so that what a shell command appends to the same file lands in the true order.
 */
final class RecordingDataSource implements DataSource {
    private final String url;
    private final Path trace;
    private final List<String> executed = Collections.synchronizedList(new ArrayList<>());

    RecordingDataSource(String url) {
        this(url, null);
    }

    RecordingDataSource(String url, Path trace) {
        this.url = url;
        this.trace = trace;
    }

    /**
     * The trace file read back in order: each {@code SQL <n>} line as the text it stands for, any other line
     * (what a command wrote) as it is.
     */
    List<String> traced() throws IOException {
        List<String> texts = executed();
        return Files.readAllLines(trace).stream()
                .map(line -> line.startsWith("SQL ") ? texts.get(Integer.parseInt(line.substring(4))) : line)
                .toList();
    }

    private void record(String sql) {
        synchronized (executed) {
            executed.add(sql);
            if (trace != null) {
                try {
                    Files.writeString(trace, "SQL " + (executed.size() - 1) + "\n", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** What ran, in order. */
    List<String> executed() {
        synchronized (executed) {
            return List.copyOf(executed);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement prepared) {
                        return recording(prepared, (String) args[0]);
                    }
                    if (method.getName().equals("createStatement") && result instanceof Statement statement) {
                        return recording(statement);
                    }
                    return result;
                });
    }

    private Statement recording(Statement statement) {
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("execute") && args != null && args.length == 1 && args[0] instanceof String sql) {
                        record(sql);
                    }
                    return invoke(statement, method, args);
                });
    }

    private PreparedStatement recording(PreparedStatement statement, String sql) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("execute") && (args == null || args.length == 0)) {
                        record(sql);
                    }
                    return invoke(statement, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
