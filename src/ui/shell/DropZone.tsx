// The whole page is a drop zone: files, several files or folders. An overlay shows while files
// are dragged over the window.
import { useEffect, useState } from 'react';
import { useActions } from './app-context';
import { takeDropped } from './file-walk';

const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

export function DropZone() {
  const actions = useActions();
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overHandler = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer || !hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const walk = takeDropped(e.dataTransfer);
      void walk().then((inputs) => {
        if (inputs.length > 0) void actions.openFiles(inputs);
      });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [actions]);
  if (!over) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      Drop micromegas files or a capture folder to open them
    </div>
  );
}
