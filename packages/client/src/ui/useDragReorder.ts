import { useState, type DragEvent } from 'react';

/** Props to spread on each draggable row. */
export interface DragRowProps {
  draggable: true;
  onDragStart(e: DragEvent): void;
  onDragOver(e: DragEvent): void;
  onDragLeave(): void;
  onDrop(e: DragEvent): void;
  onDragEnd(): void;
  'data-drag-over': boolean;
  'data-dragging': boolean;
}

/** The MIME type of a dragged row, so foreign drops (files, text) are ignored. */
const MIME = 'application/x-kenes-row';

/**
 * Drag-and-drop reordering with the browser's native drag events (no
 * library: the lists are short and rows are plain). Dropping row `id` on the
 * row at `index` calls `onMove(id, index)`: remove, then insert at `index`,
 * which is what `agenda.move` and `queue.move` do. Keyboard users reorder
 * with the move-up/down buttons beside each row.
 */
export function useDragReorder(onMove: (id: string, toIndex: number) => void) {
  const [dragId, setDragId] = useState<string | null>(null);
  const [overIndex, setOverIndex] = useState<number | null>(null);
  const reset = () => {
    setDragId(null);
    setOverIndex(null);
  };
  return (id: string, index: number): DragRowProps => ({
    draggable: true,
    onDragStart(e) {
      e.dataTransfer.setData(MIME, id);
      e.dataTransfer.effectAllowed = 'move';
      setDragId(id);
    },
    onDragOver(e) {
      if (!e.dataTransfer.types.includes(MIME)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setOverIndex(index);
    },
    onDragLeave() {
      setOverIndex((i) => (i === index ? null : i));
    },
    onDrop(e) {
      const moved = e.dataTransfer.getData(MIME);
      if (moved === '') return;
      e.preventDefault();
      reset();
      if (moved !== id) onMove(moved, index);
    },
    onDragEnd: reset,
    'data-drag-over': overIndex === index && dragId !== id,
    'data-dragging': dragId === id,
  });
}
