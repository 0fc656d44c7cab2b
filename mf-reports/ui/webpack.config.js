// The reports remote (mf_reports); everything but the area name comes from the shared factory.
import { createRemoteConfig } from '../../shell/build/remote-webpack.js';

export default createRemoteConfig({ area: 'reports', uiDir: import.meta.dirname });
