// Hidden file inputs behind the "Open files" and "Open folder" buttons (tests fill them with
// setInputFiles): several files at once, or a whole folder (webkitdirectory).
import { useImperativeHandle, useRef, type ChangeEvent, type Ref } from 'react';
import { useActions } from './app-context';
import { fromFileList } from './file-walk';

export interface FilePickerHandle {
  openFiles(): void;
  openFolder(): void;
}

export function FilePickers(props: { ref: Ref<FilePickerHandle> }) {
  const actions = useActions();
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  useImperativeHandle(props.ref, () => ({
    openFiles: () => files.current?.click(),
    openFolder: () => folder.current?.click(),
  }));
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const inputs = fromFileList(e.currentTarget.files ?? []);
    e.currentTarget.value = '';
    if (inputs.length > 0) void actions.openFiles(inputs);
  };
  return (
    <div hidden>
      <input ref={files} type="file" multiple data-testid="file-input" onChange={onChange} />
      <input
        ref={(el) => {
          folder.current = el;
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        multiple
        data-testid="folder-input"
        onChange={onChange}
      />
    </div>
  );
}
