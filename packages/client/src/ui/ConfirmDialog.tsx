import { useEffect, useId, useRef, type ReactNode } from 'react';

/** One answer of a {@link ConfirmDialog}. */
export interface ConfirmChoice<T extends string> {
  value: T;
  label: string;
  /** `danger` for the destructive answer, `primary` for the expected one. */
  tone?: 'danger' | 'primary';
}

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps<T extends string> {
  title: string;
  /** What will happen, naming what goes (the speaker, the title). */
  children: ReactNode;
  choices: readonly ConfirmChoice<T>[];
  cancelLabel: string;
  /** The chosen value, or null for cancel (button, Escape). */
  onClose: (choice: T | null) => void;
}

/**
 * A modal question before an action that ends or removes something: a
 * native `<dialog>` opened with `showModal()` (focus trapped, Escape cancels,
 * the page behind inert), focus on Cancel so that Enter never destroys by
 * accident. Render it only while the question is open.
 */
export function ConfirmDialog<T extends string>({
  title,
  children,
  choices,
  cancelLabel,
  onClose,
}: ConfirmDialogProps<T>) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault();
        onClose(null);
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId} className="confirm-body">
        {children}
      </div>
      <div className="row-actions">
        {choices.map((c) => (
          <button key={c.value} type="button" className={c.tone} onClick={() => onClose(c.value)}>
            {c.label}
          </button>
        ))}
        <button ref={cancelRef} type="button" onClick={() => onClose(null)}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
