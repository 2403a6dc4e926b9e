// `ccgate` alone: the wizard. React and Ink come later, by import(), once the terminal is known to be one.
export {openWizard} from '../wizard/start/start.js';
