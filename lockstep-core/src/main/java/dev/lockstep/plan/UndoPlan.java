package dev.lockstep.plan;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.Problem;

import java.util.List;

/**
 * What an undo will do, or why it cannot.
 *
 * @param steps  the versions to undo, in the order to undo them (the most recently applied first)
 * @param errors problems that stop the undo before anything runs
 */
public record UndoPlan(List<Step> steps, List<Problem> errors) {

    public UndoPlan {
        steps = List.copyOf(steps);
        errors = List.copyOf(errors);
    }

    /**
     * One version to undo.
     *
     * @param applied the version's history row, which turns {@code undone}
     * @param undo    its undo file ({@code U<version>__*.sql} or {@code .down.sql})
     */
    public record Step(HistoryRow applied, Migration undo) {
    }
}
