// Media library islands: drag-and-drop uploads with progress, and the focal-point picker.
import './upload-form.ts';
import './focal-picker.ts';
