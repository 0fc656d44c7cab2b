// The admin remote (mf_admin); everything but the area name comes from the shared factory.
import { createRemoteConfig } from '../../shell/build/remote-webpack.js';

export default createRemoteConfig({ area: 'admin', uiDir: import.meta.dirname });
